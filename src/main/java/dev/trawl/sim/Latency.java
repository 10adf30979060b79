package dev.trawl.sim;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long the simulated web holds back each response before its headers are written. Samples are
 * drawn from a generator the caller seeds per request (see {@link SiteContent#latency}), so the same
 * spec always gives the same delay for the same URL. Immutable.
 */
public sealed interface Latency {

    /** The 99th percentile of the standard normal distribution. */
    double Z_99 = 2.3263478740408408;
    /** No sample exceeds this, whatever the parameters: a simulated server must still answer. */
    Duration MAX_SAMPLE = Duration.ofMinutes(10);

    /** No added latency. */
    static Latency none() {
        return new Fixed(Duration.ZERO);
    }

    /** One delay drawn from {@code random}. */
    Duration sample(RandomGenerator random);

    /** The distribution's mean: what bounds a crawl of N requests in flight at N / mean requests per second. */
    Duration mean();

    /** For people: {@code 50 ms}, {@code uniform 30..70 ms}, {@code log-normal median 50 ms, p99 400 ms}. */
    String describe();

    /** The same delay every time. */
    record Fixed(Duration value) implements Latency {
        public Fixed {
            requireNotNegative(value, "latency");
        }

        @Override
        public Duration sample(RandomGenerator random) {
            return value;
        }

        @Override
        public Duration mean() {
            return value;
        }

        @Override
        public String describe() {
            return millis(value);
        }
    }

    /** Uniform between {@code min} and {@code max}, both included. */
    record Uniform(Duration min, Duration max) implements Latency {
        public Uniform {
            requireNotNegative(min, "latency minimum");
            requireNotNegative(max, "latency maximum");
            if (max.compareTo(min) < 0) {
                throw new IllegalArgumentException("latency maximum must not be below its minimum: " + max + " < " + min);
            }
        }

        @Override
        public Duration sample(RandomGenerator random) {
            long low = min.toNanos();
            long high = max.toNanos();
            return Duration.ofNanos(low == high ? low : random.nextLong(low, high + 1));
        }

        @Override
        public Duration mean() {
            return Duration.ofNanos((min.toNanos() + max.toNanos()) / 2);
        }

        @Override
        public String describe() {
            return "uniform " + min.toMillis() + ".." + millis(max);
        }
    }

    /**
     * Log-normal, as response times on the web are: most near the median, a long tail. Given by its median
     * and its 99th percentile, from which {@code sigma = ln(p99 / median) / z99}.
     */
    record LogNormal(Duration median, Duration p99) implements Latency {
        public LogNormal {
            requireNotNegative(median, "latency median");
            requireNotNegative(p99, "latency p99");
            if (median.isZero()) {
                throw new IllegalArgumentException("latency median of a log-normal must be above 0");
            }
            if (p99.compareTo(median) < 0) {
                throw new IllegalArgumentException("latency p99 must not be below the median: " + p99 + " < " + median);
            }
        }

        /** The standard deviation of the logarithm. */
        public double sigma() {
            return Math.log((double) p99.toNanos() / median.toNanos()) / Z_99;
        }

        @Override
        public Duration sample(RandomGenerator random) {
            double nanos = median.toNanos() * Math.exp(sigma() * random.nextGaussian());
            return Duration.ofNanos((long) Math.min(nanos, MAX_SAMPLE.toNanos()));
        }

        @Override
        public Duration mean() {
            double sigma = sigma();
            return Duration.ofNanos((long) (median.toNanos() * Math.exp(sigma * sigma / 2)));
        }

        @Override
        public String describe() {
            return "log-normal median " + millis(median) + ", p99 " + millis(p99);
        }
    }

    private static String millis(Duration duration) {
        return duration.toMillis() + " ms";
    }

    private static void requireNotNegative(Duration value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative: " + value);
        }
    }
}
