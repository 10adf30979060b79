package dev.trawl.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The promises' rules, which the frontier keeps and the audit checks alike. */
class AuditPolicyTest {
    private static final AuditPolicy POLICY =
            new AuditPolicy(Duration.ofMillis(250), 2, Duration.ofSeconds(30), Duration.ofSeconds(60));

    @ParameterizedTest(name = "status {0}, Retry-After {1} s → hold {2}")
    @CsvSource(nullValues = "none", value = {
            "429, 5, 5", "503, 5, 5", "503, 0, 0",
            "429, 120, 60", // what the server asked, up to politeness.max-backoff
            "429, none, none", "503, none, none", // no word from the server: adaptive politeness's backoff, no hold
            "500, 5, none", "200, 5, none", "301, 5, none"}) // a Retry-After on another status owes nothing
    void onlyA429Or503WithRetryAfterHoldsTheHostAndNoLongerThanTheCap(int status, Long retryAfterSeconds,
            Long holdSeconds) {
        Optional<Duration> retryAfter = Optional.ofNullable(retryAfterSeconds).map(Duration::ofSeconds);

        assertThat(POLICY.holdFor(status, retryAfter)).isEqualTo(Optional.ofNullable(holdSeconds).map(Duration::ofSeconds));
    }

    @ParameterizedTest(name = "Crawl-delay {0} s → gap {1} ms")
    @CsvSource({"0, 250", "1, 1000", "45, 30000"})
    void theCrawlDelayGapIsTheLargerOfItCappedAndTheDelay(long crawlDelaySeconds, long gapMillis) {
        assertThat(POLICY.gapFor(Duration.ofSeconds(crawlDelaySeconds))).isEqualTo(Duration.ofMillis(gapMillis));
    }
}
