package dev.trawl.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.trawl.fetch.FetchResult.Failed;
import dev.trawl.fetch.FetchResult.Fetched;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {
    private static final Duration BACKOFF = Duration.ofMillis(100);

    private final RetryPolicy policy = new RetryPolicy(3, BACKOFF, Duration.ofSeconds(60), new SplittableRandom(42));

    @ParameterizedTest(name = "{0} is retried: {1}")
    @CsvSource({
        "CONNECT, true", "TIMEOUT, true", "IO, true",
        "TRUNCATED, false", "DNS, false", "TLS, false", "BODY_TOO_LARGE, false", "CANCELLED, false", "INVALID_URL, false",
        "TOO_MANY_REDIRECTS, false", "REDIRECT_LOOP, false"
    })
    void failuresAreRetriedOnlyWhenTransient(FailureKind kind, boolean retried) {
        assertThat(policy.retryDelay(failed(kind), 0).isPresent()).isEqualTo(retried);
    }

    @ParameterizedTest(name = "status {0} is retried: {1}")
    @CsvSource({
        "429, true", "500, true", "502, true", "503, true", "504, true",
        "200, false", "301, false", "400, false", "403, false", "404, false", "501, false"
    })
    void statusesAreRetriedOnlyWhenTransient(int status, boolean retried) {
        assertThat(policy.retryDelay(fetched(status, Optional.empty()), 0).isPresent()).isEqualTo(retried);
    }

    @ParameterizedTest(name = "attempt {0} waits {1}..{2} ms")
    @CsvSource({"0, 50, 100", "1, 100, 200", "2, 200, 400"})
    void backoffDoublesWithEqualJitter(int attempt, long minMillis, long maxMillis) {
        for (int i = 0; i < 100; i++) {
            assertThat(policy.retryDelay(failed(FailureKind.TIMEOUT), attempt))
                    .hasValueSatisfying(delay -> assertThat(delay)
                            .isBetween(Duration.ofMillis(minMillis), Duration.ofMillis(maxMillis)));
        }
    }

    @ParameterizedTest(name = "attempt {0} of 3 retries: retried {1}")
    @CsvSource({"0, true", "2, true", "3, false", "10, false"})
    void givesUpOnceTheRetriesAreSpent(int attempt, boolean retried) {
        assertThat(policy.retryDelay(failed(FailureKind.IO), attempt).isPresent()).isEqualTo(retried);
    }

    @ParameterizedTest(name = "Retry-After {0}s at attempt {1} -> {2}")
    @CsvSource({
        "30, 0, PT30S",     // longer than the backoff: wait what the server asked
        "60, 2, PT1M",      // exactly the cap is still fine
        "61, 0, ",          // over the cap: give up
        "0, 0, backoff"     // shorter than the backoff: the backoff wins
    })
    void retryAfterRaisesTheDelayUpToTheCap(long seconds, int attempt, String expected) {
        Optional<Duration> delay = policy.retryDelay(fetched(503, Optional.of(Duration.ofSeconds(seconds))), attempt);

        if (expected == null) {
            assertThat(delay).isEmpty();
        } else if (expected.equals("backoff")) {
            assertThat(delay).hasValueSatisfying(d -> assertThat(d).isBetween(BACKOFF.dividedBy(2), BACKOFF));
        } else {
            assertThat(delay).contains(Duration.parse(expected));
        }
    }

    @Test
    void sameSeedGivesTheSameDelays() {
        var a = new RetryPolicy(5, BACKOFF, Duration.ofSeconds(60), new SplittableRandom(7));
        var b = new RetryPolicy(5, BACKOFF, Duration.ofSeconds(60), new SplittableRandom(7));

        for (int attempt = 0; attempt < 5; attempt++) {
            assertThat(a.retryDelay(failed(FailureKind.IO), attempt)).isEqualTo(b.retryDelay(failed(FailureKind.IO), attempt));
        }
    }

    @Test
    void hugeAttemptsSaturateInsteadOfOverflowing() {
        var many = new RetryPolicy(100, Duration.ofDays(1), Duration.ofSeconds(60), new SplittableRandom(1));

        assertThat(many.retryDelay(failed(FailureKind.IO), 99)).hasValueSatisfying(d -> assertThat(d).isPositive());
    }

    @Test
    void zeroBackoffRetriesAtOnce() {
        var eager = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, new SplittableRandom(1));

        assertThat(eager.retryDelay(failed(FailureKind.IO), 0)).contains(Duration.ZERO);
    }

    @Test
    void negativeSettingsAreRejectedWithTheirName() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RetryPolicy(-1, BACKOFF, Duration.ZERO, new SplittableRandom()))
                .withMessage("retries must not be negative: -1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RetryPolicy(1, Duration.ofMillis(-1), Duration.ZERO, new SplittableRandom()))
                .withMessage("backoff must not be negative: PT-0.001S");
    }

    private static Failed failed(FailureKind kind) {
        return new Failed("http://a.test/", Instant.EPOCH, Duration.ZERO, kind, kind.label());
    }

    private static Fetched fetched(int status, Optional<Duration> retryAfter) {
        return new Fetched("http://a.test/", Instant.EPOCH, Duration.ZERO, status, Optional.of("text/html"),
                Optional.empty(), new byte[0], true, Optional.empty(), retryAfter, 0);
    }
}
