package dev.trawl.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostStatsTest {

    @Test
    void arrivalTimesAreKeptInArrivalOrderWhenHandlersRunOutOfOrder() {
        HostStats stats = new HostStats();

        // the request that arrived at 100 reaches its handler after the one that arrived at 250
        stats.begin("http://h/a", 250);
        stats.begin("http://h/b", 100);
        stats.begin("http://h/c", 400);
        stats.begin("http://h/d", 300);

        assertThat(stats.startNanos()).containsExactly(100L, 250L, 300L, 400L);
        assertThat(stats.requests()).isEqualTo(4);
    }

    @Test
    void arrivalTimesGrowPastTheFirstBlockInOrder() {
        HostStats stats = new HostStats();
        for (int i = 2999; i >= 0; i--) {
            stats.begin("http://h/" + i, i * 10L);
        }

        assertThat(stats.startNanos()).hasSize(3000).isSorted().startsWith(0L, 10L).endsWith(29_990L);
        assertThat(stats.hits("http://h/7")).isOne();
        assertThat(stats.maxInFlight()).isEqualTo(3000);
    }
}
