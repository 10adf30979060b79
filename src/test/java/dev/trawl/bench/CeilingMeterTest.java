package dev.trawl.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.config.ResolveRule;
import dev.trawl.sim.Latency;
import dev.trawl.sim.SimWeb;
import dev.trawl.sim.SiteSpec;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The server's capacity, measured against a real sim web on loopback. */
class CeilingMeterTest {

    @Test
    void withALatencyTheCapacityIsTheClientsOverTheLatencyNeverMore() throws InterruptedException {
        Duration latency = Duration.ofMillis(200);
        SiteSpec spec = SiteSpec.builder().hosts(3).pagesPerHost(20).latency(new Latency.Fixed(latency)).build();
        try (SimWeb web = SimWeb.start(spec)) {
            SimTarget target = new SimTarget(Path.of("seeds.txt"), web.seeds(),
                    web.resolveRules().stream().map(ResolveRule::parse).toList());
            CeilingMeter meter = new CeilingMeter(target, spec.pagesPerHost(), Duration.ofMillis(100), Duration.ofMillis(100));

            double capacity = meter.serverCapacity(12, latency);

            // 12 clients, each answered no sooner than 200 ms after asking: 60 requests/s at the very most, however
            // the measuring window falls across the waves of answers; a server adding its own delay reads lower (a
            // loaded CI machine stretches the cycles, so the lower bound only says the meter measured something)
            assertThat(capacity).isLessThanOrEqualTo(60).isGreaterThan(10);
        }
    }
}
