package dev.trawl.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How much of the heap the sim web's page cache may take. */
class SiteContentCacheTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void theCacheTakesAtMostHalfTheHeapAndNeverMoreThanItsCap() {
        // the launcher's default heap: a 235 MB site (the cpu workload) is not cached, rather than run out of memory
        assertThat(SiteContent.cacheBudget(192 * MIB)).isEqualTo(96 * MIB);
        // the heap trawl bench gives its server for that site: cached
        assertThat(SiteContent.cacheBudget(716 * MIB)).isEqualTo(SiteContent.MAX_CACHE_BYTES);
        assertThat(SiteContent.cacheBudget(64 * 1024 * MIB)).isEqualTo(256 * MIB);
    }
}
