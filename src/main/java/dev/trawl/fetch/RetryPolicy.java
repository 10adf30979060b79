package dev.trawl.fetch;

import dev.trawl.config.CrawlConfig;
import dev.trawl.fetch.FetchResult.Failed;
import dev.trawl.fetch.FetchResult.Fetched;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Decides whether, and after how long, a fetch is tried again.
 *
 * <p>Retried only where another try can help and the server has not answered yet: the failures
 * {@link FailureKind#CONNECT}, {@link FailureKind#TIMEOUT} and {@link FailureKind#IO} (all before the
 * response's headers arrived), and the statuses 429, 500, 502, 503 and 504. Not retried:
 * {@link FailureKind#TRUNCATED} (the response began and broke: the host already spent a response on it),
 * {@link FailureKind#DNS} (an unknown host stays unknown, and resolvers retry on their own), TLS (a
 * misconfigured or plain-http port stays so), cancellation, a body over the cap, and every other status.
 *
 * <p>The delay is exponential backoff with "equal jitter": for attempt {@code n} it lies in
 * {@code [b·2ⁿ/2, b·2ⁿ]}. A {@code Retry-After} header raises it to at least what the server asked for;
 * one longer than {@code maxRetryAfter} means give up.
 *
 * <p>Immutable; thread-safe if its {@link RandomGenerator} is ({@link Random} is).
 */
public final class RetryPolicy {
    private static final Set<Integer> RETRIED_STATUSES = Set.of(429, 500, 502, 503, 504);
    private static final Set<FailureKind> RETRIED_FAILURES = Set.of(FailureKind.CONNECT, FailureKind.TIMEOUT, FailureKind.IO);
    /** 2^30 times any sane base is already beyond every Retry-After cap; stop doubling there. */
    private static final int MAX_DOUBLINGS = 30;

    private final int retries;
    private final Duration backoff;
    private final Duration maxRetryAfter;
    private final RandomGenerator random;

    /**
     * @param retries how many times a URL is tried again after its first try
     * @param backoff the base delay, doubled on each further attempt
     * @param maxRetryAfter the longest {@code Retry-After} worth waiting for
     * @param random the jitter source; seed it in tests
     */
    public RetryPolicy(int retries, Duration backoff, Duration maxRetryAfter, RandomGenerator random) {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative: " + retries);
        }
        requireNotNegative(backoff, "backoff");
        requireNotNegative(maxRetryAfter, "maxRetryAfter");
        this.retries = retries;
        this.backoff = backoff;
        this.maxRetryAfter = maxRetryAfter;
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The policy from {@code fetch.retries}, {@code fetch.retry-backoff} and {@code fetch.max-retry-after}. */
    public static RetryPolicy from(CrawlConfig.Fetch config) {
        return new RetryPolicy(config.retries(), config.retryBackoff(), config.maxRetryAfter(), new Random());
    }

    /**
     * How long to wait before trying again after {@code result}, or empty to give up.
     *
     * @param attempt the attempt that produced {@code result}: 0 for the first try
     */
    public Optional<Duration> retryDelay(FetchResult result, int attempt) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must not be negative: " + attempt);
        }
        if (attempt >= retries || !isRetryable(result)) {
            return Optional.empty();
        }
        Duration delay = jittered(attempt);
        if (result instanceof Fetched fetched && fetched.retryAfter().isPresent()) {
            Duration asked = fetched.retryAfter().get();
            if (asked.compareTo(maxRetryAfter) > 0) {
                return Optional.empty();
            }
            delay = asked.compareTo(delay) > 0 ? asked : delay;
        }
        return Optional.of(delay);
    }

    /** Whether {@code result} is worth another try at all, ignoring the attempt count. */
    public static boolean isRetryable(FetchResult result) {
        return switch (result) {
            case Fetched fetched -> RETRIED_STATUSES.contains(fetched.status());
            case Failed failed -> RETRIED_FAILURES.contains(failed.kind());
        };
    }

    private Duration jittered(int attempt) {
        long full = exponential(attempt);
        long half = full / 2;
        return Duration.ofNanos(full - half + random.nextLong(half + 1));
    }

    /** {@code backoff · 2^attempt} in nanoseconds, saturating at {@link Long#MAX_VALUE}. */
    private long exponential(int attempt) {
        long base;
        try {
            base = backoff.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
        int doublings = Math.min(attempt, MAX_DOUBLINGS);
        return base > (Long.MAX_VALUE >> doublings) ? Long.MAX_VALUE : base << doublings;
    }

    private static void requireNotNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
    }

    @Override
    public String toString() {
        return "RetryPolicy[retries=" + retries + ", backoff=" + backoff + ", maxRetryAfter=" + maxRetryAfter + "]";
    }
}
