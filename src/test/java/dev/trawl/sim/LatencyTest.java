package dev.trawl.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The latency distributions: their shape, their means, and that they are a function of the seed. */
class LatencyTest {
    private static final int SAMPLES = 20_000;

    @Test
    void logNormalHasTheMedianAndTailItWasGiven() {
        Latency latency = new Latency.LogNormal(Duration.ofMillis(50), Duration.ofMillis(400));
        long[] millis = sample(latency, new SplittableRandom(7));

        assertThat(percentile(millis, 50)).isCloseTo(50, within(3L));
        assertThat(percentile(millis, 99)).isCloseTo(400, within(40L));
        double mean = Arrays.stream(millis).average().orElseThrow();
        assertThat(mean).isCloseTo(latency.mean().toNanos() / 1e6, within(4.0));
        assertThat(latency.mean()).isGreaterThan(Duration.ofMillis(50));
    }

    @Test
    void uniformStaysWithinItsBoundsAndCentresOnItsMean() {
        Latency latency = new Latency.Uniform(Duration.ofMillis(20), Duration.ofMillis(80));
        long[] millis = sample(latency, new SplittableRandom(7));

        assertThat(Arrays.stream(millis).min().orElseThrow()).isGreaterThanOrEqualTo(20);
        assertThat(Arrays.stream(millis).max().orElseThrow()).isLessThanOrEqualTo(80);
        assertThat(Arrays.stream(millis).average().orElseThrow()).isCloseTo(50, within(1.5));
        assertThat(latency.mean()).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void fixedIsAlwaysTheSame() {
        Latency latency = new Latency.Fixed(Duration.ofMillis(5));
        assertThat(sample(latency, new SplittableRandom(1))).containsOnly(5L);
    }

    @Test
    void theSameSeedGivesTheSameSamples() {
        Latency latency = new Latency.LogNormal(Duration.ofMillis(50), Duration.ofMillis(250));
        assertThat(sample(latency, new SplittableRandom(3))).isEqualTo(sample(latency, new SplittableRandom(3)));
        assertThat(sample(latency, new SplittableRandom(3))).isNotEqualTo(sample(latency, new SplittableRandom(4)));
    }

    @Test
    void parametersThatDescribeNoDistributionAreRejected() {
        assertThatThrownBy(() -> new Latency.LogNormal(Duration.ofMillis(50), Duration.ofMillis(10)))
                .hasMessage("latency p99 must not be below the median: PT0.01S < PT0.05S");
        assertThatThrownBy(() -> new Latency.Uniform(Duration.ofMillis(50), Duration.ofMillis(10)))
                .hasMessage("latency maximum must not be below its minimum: PT0.01S < PT0.05S");
        assertThatThrownBy(() -> new Latency.LogNormal(Duration.ZERO, Duration.ofMillis(10)))
                .hasMessage("latency median of a log-normal must be above 0");
    }

    private static long[] sample(Latency latency, SplittableRandom random) {
        long[] millis = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            millis[i] = latency.sample(random).toMillis();
        }
        return millis;
    }

    private static long percentile(long[] values, int percent) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(percent / 100.0 * sorted.length) - 1];
    }
}
