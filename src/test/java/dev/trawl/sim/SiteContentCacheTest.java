package dev.trawl.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How much of the heap the sim web's page cache may take. */
class SiteContentCacheTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void theCacheTakesAtMostHalfTheHeap() {
        // the launcher's default heap: a 235 MB site (the cpu workload) is not cached, rather than run out of memory
        assertThat(SiteContent.cacheBudget(192 * MIB)).isEqualTo(96 * MIB);
        // the heap trawl bench gives its server for that site, 256 MiB + twice its pages: cached
        assertThat(SiteContent.cacheBudget(716 * MIB)).isEqualTo(358 * MIB);
        // and for the same workload with --pages 2400 (470 MB of pages): cached too, where a 256 MiB cap had not
        assertThat(SiteContent.cacheBudget(1134 * MIB)).isEqualTo(567 * MIB);
    }
}
