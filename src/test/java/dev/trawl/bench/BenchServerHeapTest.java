package dev.trawl.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trawl.sim.SiteSpec;
import dev.trawl.sim.Workload;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchServerHeapTest {
    private static final long MIB = 1024 * 1024;


    @Test
    void theServerHeapHoldsTwiceTheSiteItRenders() {
        // cpu: 4 hosts x 2,400 pages x 48,000 bytes = 461 MB, which a 192 MiB heap could not hold
        assertThat(Bench.serverHeapMib(Workload.of("cpu").spec())).isGreaterThan(2 * 439);
        assertThat(Bench.serverHeapMib(Workload.of("cpu").spec(), 24 * 1024))
                .isEqualTo(Bench.serverHeapMib(Workload.of("cpu").spec()));
    }

    @Test
    void theServerCachesEverySiteItIsGivenAHeapFor() {
        // the server's own decision (SiteSpec.cachedIn) on the heap the bench gives it, less the survivor space that
        // Runtime.maxMemory() leaves out under the serial collector (young a third of the heap, a survivor a tenth
        // of that); the heap is sized from the same estimate, so many small pages (their links' markup and the
        // cache's overhead) or gzip do not push it out
        SiteSpec smallPages = SiteSpec.defaults().withPagesPerHost(40_000).withPageBytes(2_000);
        for (SiteSpec site : List.of(smallPages, smallPages.withGzip(true), Workload.of("cpu").spec(),
                Workload.of("io").spec(), Workload.of("mixed").spec(), Workload.of("io-wide").spec())) {
            assertThat(site.cachedIn(Bench.serverHeapMib(site) * MIB * 29 / 30)).as(site.toString()).isTrue();
        }
    }

    @Test
    void aSiteTooLargeForHalfTheMachineIsRefusedNamingTheFlagsThatShrinkIt() {
        // 4 hosts x 1,000,000 pages x 14,000 bytes: 52 GiB of pages, a 107 GiB heap
        SiteSpec huge = SiteSpec.defaults().withPagesPerHost(1_000_000);

        assertThatThrownBy(() -> Bench.serverHeapMib(huge, 24 * 1024)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4 hosts x 1,000,000 pages x 14,000 bytes")
                .hasMessageContaining("machine's 24,576 MiB").hasMessageContaining("--pages");
    }
}
