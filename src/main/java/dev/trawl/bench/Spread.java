package dev.trawl.bench;

import java.util.Arrays;
import java.util.List;

/**
 * A figure over the repeats of one mode: median, least and most. The spread is (most − least) / median, the
 * figure the "under 10%" is about. Immutable.
 */
public record Spread(double median, double min, double max) {

    /** The spread of {@code values}; needs at least one. */
    public static Spread of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a spread needs at least one value");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Spread(median, sorted[0], sorted[n - 1]);
    }

    /** (max − min) / median; 0 for a single value or a zero median. */
    public double relative() {
        return median == 0 ? 0 : (max - min) / median;
    }

    /** Whether the two ranges overlap: then neither is measurably ahead of the other. */
    public boolean overlaps(Spread other) {
        return min <= other.max && other.min <= max;
    }

    @Override
    public String toString() {
        return Arrays.toString(new double[] {median, min, max});
    }
}
