package dev.trawl.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in config files and flags: {@code 0}, {@code 250ms}, {@code 1.5s},
 * {@code 2m}, {@code 1h}, or ISO-8601 such as {@code PT2S}.
 *
 * <p>A number needs a unit unless it is zero: {@code delay: 2} could mean seconds or milliseconds,
 * so it is refused rather than guessed. Values are never negative. Stateless and thread-safe.
 */
public final class Durations {

    private static final Pattern WITH_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");
    private static final Pattern BARE_NUMBER = Pattern.compile("[-+]?\\d+(?:\\.\\d+)?");
    private static final String EXAMPLES = " (write e.g. 0, 250ms, 1.5s, 2m)";
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private Durations() {}

    /**
     * Parses {@code text} (surrounding whitespace ignored).
     *
     * @throws IllegalArgumentException saying what was wrong and how to write it, e.g.
     *     {@code not a duration: '10 sec' (write e.g. 0, 250ms, 1.5s, 2m)}
     */
    public static Duration parse(String text) {
        String trimmed = text.strip();
        if (BARE_NUMBER.matcher(trimmed).matches()) {
            if (new BigDecimal(trimmed).signum() == 0) {
                return Duration.ZERO;
            }
            throw new IllegalArgumentException("a duration needs a unit: '" + text + "'" + EXAMPLES);
        }
        Matcher matcher = WITH_UNIT.matcher(trimmed);
        if (matcher.matches()) {
            return ofAmount(new BigDecimal(matcher.group(1)), matcher.group(2), text);
        }
        if (trimmed.toUpperCase(Locale.ROOT).startsWith("P")) {
            try {
                Duration iso = Duration.parse(trimmed);
                if (!iso.isNegative()) {
                    return iso;
                }
            } catch (DateTimeParseException e) {
                // fall through to the general message
            }
        }
        throw new IllegalArgumentException("not a duration: '" + text + "'" + EXAMPLES);
    }

    /**
     * Formats {@code duration} in the shortest exact form {@link #parse} reads back: {@code 0},
     * {@code 250ms}, {@code 1.5s}, {@code 5m}, {@code 6h}.
     */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative: " + duration);
        }
        if (duration.isZero()) {
            return "0";
        }
        long nanos;
        try {
            nanos = duration.toNanos();
        } catch (ArithmeticException tooLongForNanos) {
            return duration.toHours() + "h"; // centuries; whole hours are all anyone writes
        }
        if (nanos % Duration.ofHours(1).toNanos() == 0) {
            return duration.toHours() + "h";
        }
        if (nanos % Duration.ofMinutes(1).toNanos() == 0) {
            return duration.toMinutes() + "m";
        }
        if (nanos >= Duration.ofSeconds(1).toNanos()) {
            return decimal(nanos, 9) + "s";
        }
        return decimal(nanos, 6) + "ms";
    }

    private static Duration ofAmount(BigDecimal amount, String unit, String text) {
        BigDecimal nanosPerUnit = BigDecimal.valueOf(switch (unit) {
            case "ms" -> NANOS_PER_MILLI;
            case "s" -> 1_000 * NANOS_PER_MILLI;
            case "m" -> 60_000 * NANOS_PER_MILLI;
            case "h" -> 3_600_000 * NANOS_PER_MILLI;
            default -> throw new AssertionError(unit);
        });
        BigDecimal nanos = amount.multiply(nanosPerUnit);
        try {
            return Duration.ofNanos(nanos.longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "not a duration: '" + text + "' (too long, or finer than a nanosecond)");
        }
    }

    /** {@code nanos} divided by 10^{@code scale}, without trailing zeros. */
    private static String decimal(long nanos, int scale) {
        return BigDecimal.valueOf(nanos, scale).setScale(scale, RoundingMode.UNNECESSARY)
                .stripTrailingZeros().toPlainString();
    }
}
