package dev.trawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.sim.Latency;
import dev.trawl.sim.SiteSpec;
import dev.trawl.sim.Workload;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/** What bench hands its server process reads back, in serve, as the very same site. */
class SiteFlagsTest {

    @ParameterizedTest
    @EnumSource(Workload.class)
    void everyWorkloadsSiteSurvivesTheTripThroughServeFlags(Workload workload) {
        assertThat(roundTrip(workload.spec())).isEqualTo(workload.spec());
    }

    @Test
    void uniformLatencyACrawlDelayAndNoDomainSurviveToo() {
        SiteSpec spec = SiteSpec.defaults().withLatency(new Latency.Uniform(Duration.ofMillis(20), Duration.ofMillis(80)))
                .withCrawlDelay(Duration.ofMillis(250)).withGzip(true);

        assertThat(roundTrip(spec)).isEqualTo(spec);
        assertThat(roundTrip(spec.withTraps(true).withSitemaps(true))).isEqualTo(spec.withTraps(true).withSitemaps(true));
    }

    @Test
    void latencyFlagsReadAsTheirDistributions() {
        assertThat(SiteOptions.latency("50ms")).isEqualTo(new Latency.Fixed(Duration.ofMillis(50)));
        assertThat(SiteOptions.latency("20ms..80ms"))
                .isEqualTo(new Latency.Uniform(Duration.ofMillis(20), Duration.ofMillis(80)));
        assertThat(SiteOptions.latency("lognormal:50ms:400ms"))
                .isEqualTo(new Latency.LogNormal(Duration.ofMillis(50), Duration.ofMillis(400)));
    }

    private static SiteSpec roundTrip(SiteSpec spec) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs(SiteFlags.of(spec).toArray(String[]::new));
        return serve.site.spec();
    }
}
