package dev.trawl.frontier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.config.CrawlConfig;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostPaceTest {
    private static final String HOST = "example.org:80";
    private static final Duration FAST = Duration.ofMillis(20);
    /** step 1 s, max 8 s, slow at 4× baseline, recover after 3 healthy responses. */
    private static final CrawlConfig.Adaptive CONFIG =
            new CrawlConfig.Adaptive(true, Duration.ofSeconds(1), Duration.ofSeconds(8), 4, 3);

    private final HostPace pace = new HostPace(CONFIG);

    private Duration ok(Duration elapsed) {
        return pace.observe(HOST, 200, elapsed, Optional.empty());
    }

    private Duration status(int status) {
        return pace.observe(HOST, status, FAST, Optional.empty());
    }

    @ParameterizedTest(name = "{0} x{1} → {2} ms")
    @CsvSource({
        "429, 1, 1000",
        "503, 1, 1000",
        "503, 2, 2000",
        "429, 3, 4000",
        "503, 4, 8000",
        "503, 9, 8000",   // capped at max-backoff
        "500, 3, 0",      // only 429 and 503 slow a host
        "404, 5, 0",
    })
    void backoffDoublesOnEach429Or503UpToTheCap(int code, int times, long expectedMillis) {
        Duration extra = Duration.ZERO;
        for (int i = 0; i < times; i++) {
            extra = status(code);
        }
        assertThat(extra).isEqualTo(Duration.ofMillis(expectedMillis));
        assertThat(pace.extra(HOST)).isEqualTo(extra);
    }

    @ParameterizedTest(name = "Retry-After {0} s → {1} s")
    @CsvSource({"3, 3", "0, 0", "30, 8"})
    void retryAfterSetsTheGapBeforeDoubling(long retryAfterSeconds, long expectedSeconds) {
        status(503);
        status(503); // 2 s by doubling
        Duration extra = pace.observe(HOST, 429, FAST, Optional.of(Duration.ofSeconds(retryAfterSeconds)));
        assertThat(extra).isEqualTo(Duration.ofSeconds(expectedSeconds));
    }

    @Test
    void recoversByHalvingAfterRecoverAfterHealthyResponses() {
        status(503);
        status(503);
        status(503); // 4 s
        assertThat(ok(FAST)).isEqualTo(Duration.ofSeconds(4));
        assertThat(ok(FAST)).isEqualTo(Duration.ofSeconds(4));
        assertThat(ok(FAST)).isEqualTo(Duration.ofSeconds(2));
        for (int i = 0; i < 3; i++) {
            ok(FAST);
        }
        assertThat(pace.extra(HOST)).isEqualTo(Duration.ofSeconds(1));
        for (int i = 0; i < 3; i++) {
            ok(FAST);
        }
        // 0.5 s is half a step: gone
        assertThat(pace.extra(HOST)).isZero();
    }

    @Test
    void anErrorInTheMiddleOfRecoveryStartsTheCountAgain() {
        status(429);
        status(429); // 2 s
        ok(FAST);
        ok(FAST);
        status(429); // 4 s, healthy count reset
        ok(FAST);
        ok(FAST);
        assertThat(pace.extra(HOST)).isEqualTo(Duration.ofSeconds(4));
        ok(FAST);
        assertThat(pace.extra(HOST)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void risingResponseTimesSlowTheHostOncePerSpell() {
        for (int i = 0; i < HostPace.WARMUP; i++) {
            assertThat(ok(Duration.ofMillis(100))).isZero();
        }
        Duration extra = Duration.ZERO;
        for (int i = 0; i < 3; i++) {
            extra = ok(Duration.ofSeconds(3));
        }
        // the first slow response raised it; the next two, still slow, did not
        assertThat(extra).isEqualTo(Duration.ofSeconds(1));
        // raised again once recover-after responses have passed since
        assertThat(ok(Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(2));
        assertThat(pace.slowed()).containsOnlyKeys(HOST);
        assertThat(pace.slowed().get(HOST)).startsWith("slow responses x2").endsWith("peak 2s, now 2s");
    }

    @Test
    void aSmallRiseOnAFastHostIsNotSlow() {
        // 1 ms → 20 ms is twenty times the baseline but well under MIN_RISE: loopback jitter, not load
        for (int i = 0; i < HostPace.WARMUP; i++) {
            ok(Duration.ofMillis(1));
        }
        for (int i = 0; i < 20; i++) {
            assertThat(ok(Duration.ofMillis(20))).isZero();
        }
        assertThat(pace.slowed()).isEmpty();
    }

    @Test
    void hostsArePacedApart() {
        status(503);
        assertThat(pace.extra("other.org:80")).isZero();
        assertThat(pace.observe("other.org:80", 200, FAST, Optional.empty())).isZero();
        assertThat(pace.extra(HOST)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void summaryNamesCausesPeakAndNow() {
        status(429);
        status(429);
        status(503);
        for (int i = 0; i < 3; i++) {
            ok(FAST);
        }
        assertThat(pace.slowed()).containsExactly(java.util.Map.entry(HOST, "429 x2, 503 x1, peak 4s, now 2s"));
    }

    @Test
    void disabledNeverSlows() {
        HostPace off = new HostPace(new CrawlConfig.Adaptive(false, Duration.ofSeconds(1), Duration.ofSeconds(8), 4, 3));
        assertThat(off.observe(HOST, 503, FAST, Optional.of(Duration.ofSeconds(5)))).isZero();
        assertThat(off.slowed()).isEmpty();
    }

    @Test
    void humanDurations() {
        assertThat(HostPace.human(Duration.ofSeconds(4).toNanos())).isEqualTo("4s");
        assertThat(HostPace.human(Duration.ofMillis(1500).toNanos())).isEqualTo("1.5s");
        assertThat(HostPace.human(Duration.ofMillis(250).toNanos())).isEqualTo("250ms");
    }
}
