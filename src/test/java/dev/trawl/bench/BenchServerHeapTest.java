package dev.trawl.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.sim.Workload;
import org.junit.jupiter.api.Test;

class BenchServerHeapTest {

    @Test
    void theServerHeapHoldsTwiceTheSiteItRenders() {
        // cpu: 4 hosts x 1,200 pages x 48,000 bytes = 230 MB, which a 192 MiB heap could not hold
        assertThat(Bench.serverHeapMib(Workload.of("cpu").spec())).isGreaterThan(2 * 219);
    }
}
