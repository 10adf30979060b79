package dev.trawl.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SiteSpecTest {

    @Test
    void defaultsDescribeAMediumSiteOnEphemeralPorts() {
        SiteSpec spec = SiteSpec.defaults();

        assertThat(spec.hosts()).isEqualTo(4);
        assertThat(spec.pagesPerHost()).isEqualTo(250);
        assertThat(spec.totalPages()).isEqualTo(1000);
        assertThat(spec.latency()).isEqualTo(Latency.none());
        assertThat(spec.domain()).isEmpty();
        assertThat(spec.hostName(3)).isEqualTo("127.0.0.1");
        assertThat(spec.crawlDelay()).isEmpty();
        assertThat(spec.privateSection()).isTrue();
        assertThat(spec.redirectLoop()).isTrue();
        assertThat(spec.gzip()).isFalse();
        assertThat(spec.basePort()).isZero();
    }

    @Test
    void withersChangeOnlyTheirField() {
        SiteSpec spec = SiteSpec.defaults();

        assertThat(spec.withHosts(9)).isEqualTo(new SiteSpec(9, 250, 8, 14_000, 0.0, 42, Latency.none(),
                0.02, 0.02, 0.0, true, 0.0, Optional.empty(), true, false, Optional.empty(), 0, false, false));
        assertThat(spec.withTraps(true).withSitemaps(true).withTraps(false).withSitemaps(false)).isEqualTo(spec);
        assertThat(spec.withLatency(Duration.ofMillis(50), Duration.ofMillis(10)).latency())
                .isEqualTo(new Latency.Uniform(Duration.ofMillis(40), Duration.ofMillis(60)));
        assertThat(spec.withDomain("sim.test").hostName(17)).isEqualTo("h17.sim.test");
        assertThat(SiteSpec.builder().errorRate(0.1).build().toBuilder().errorRate(0).build()).isEqualTo(spec);
        assertThat(spec.withCrawlDelay(Duration.ofSeconds(1)).withoutCrawlDelay()).isEqualTo(spec);
        assertThat(spec.withGzip(true).withGzip(false)).isEqualTo(spec);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            0  | 250 | 8 | 14000 | 0.02 | 0     | hosts must be at least 1: 0
            4  | 0   | 8 | 14000 | 0.02 | 0     | pagesPerHost must be at least 1: 0
            4  | 250 | 0 | 14000 | 0.02 | 0     | linksPerPage must be at least 1: 0
            4  | 250 | 8 | -1    | 0.02 | 0     | pageBytes must be at least 0: -1
            4  | 250 | 8 | 14000 | 1.5  | 0     | brokenLinkRate must be between 0 and 1: 1.5
            4  | 250 | 8 | 14000 | NaN  | 0     | brokenLinkRate must be between 0 and 1: NaN
            4  | 250 | 8 | 14000 | 0.02 | 65535 | basePort must be at most 65532: 65535
            """)
    void invalidValuesAreRejectedNamingTheField(
            int hosts, int pages, int links, int bytes, double broken, int basePort, String message) {
        assertThatThrownBy(() -> new SiteSpec(hosts, pages, links, bytes, 0, 1, Latency.none(), broken,
                        0, 0, true, 0, Optional.empty(), true, false, Optional.empty(), basePort, false, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void jitterMayNotExceedLatency() {
        assertThatThrownBy(() -> SiteSpec.defaults().withLatency(Duration.ofMillis(10), Duration.ofMillis(20)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("latencyJitter must not exceed latency: PT0.02S > PT0.01S");
    }

    @Test
    void domainsMustBeDnsNames() {
        assertThatThrownBy(() -> SiteSpec.defaults().withDomain("Sim_Test"))
                .hasMessageStartingWith("domain must be lower-case DNS labels");
    }

    @Test
    void negativeDurationsAreRejected() {
        assertThatThrownBy(() -> SiteSpec.defaults().withLatency(Duration.ofMillis(-1)))
                .hasMessage("latency must not be negative: PT-0.001S");
        assertThatThrownBy(() -> SiteSpec.defaults().withCrawlDelay(Duration.ofSeconds(-2)))
                .hasMessage("crawlDelay must not be negative: PT-2S");
    }
}
