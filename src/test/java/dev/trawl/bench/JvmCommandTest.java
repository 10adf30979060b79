package dev.trawl.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.sim.Workload;
import java.util.List;
import org.junit.jupiter.api.Test;

class JvmCommandTest {

    @Test
    void theServerGetsItsOwnHeapInPlaceOfTheCrawlersAndTheRestOfTheCommandStays() {
        JvmCommand crawl = new JvmCommand(List.of("/jdk/bin/java", "-Xss512k", "-Xmx192m", "-XX:+UseSerialGC",
                "-cp", "trawl.jar", "dev.trawl.cli.Main"));

        assertThat(crawl.withMaxHeap(716).trawl(List.of("serve"))).containsExactly("/jdk/bin/java", "-Xmx716m",
                "-Xss512k", "-XX:+UseSerialGC", "-cp", "trawl.jar", "dev.trawl.cli.Main", "serve");
    }

    @Test
    void theServerHeapHoldsTwiceTheSiteItRenders() {
        // cpu: 4 hosts x 1,200 pages x 48,000 bytes = 230 MB, which a 192 MiB heap could not hold
        assertThat(Bench.serverHeapMib(Workload.of("cpu").spec())).isGreaterThan(2 * 219);
    }
}
