package dev.trawl.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How much of the heap the sim web's page cache may take. */
class SiteContentCacheTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void theCacheTakesAtMostHalfTheHeap() {
        SiteSpec site = SiteSpec.defaults();
        assertThat(site.cachedIn(2 * site.cacheBytes())).isTrue();
        assertThat(site.cachedIn(2 * site.cacheBytes() - 2)).isFalse();
        // the launcher's default heap: the cpu workload's site (461 MB of pages) is not cached, rather than run out of
        // memory
        assertThat(Workload.of("cpu").spec().cachedIn(192 * MIB)).isFalse();
    }
}
