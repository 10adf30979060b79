package dev.trawl.config;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes as people write them: {@code 1048576}, {@code 512KiB}, {@code 1.5MiB}, {@code 10MB}.
 *
 * <p>Binary units are powers of 1024 ({@code KiB}, {@code MiB}, {@code GiB}, {@code TiB}); decimal
 * units are powers of 1000 ({@code KB}, {@code MB}, {@code GB}, {@code TB}), as their SI names say.
 * {@code B} or no unit means bytes. Units are case-insensitive; a fraction must come to whole bytes.
 * Stateless and thread-safe.
 */
public final class Sizes {

    private static final Pattern SIZE =
            Pattern.compile("(\\d+(?:\\.\\d+)?)([kmgt]i?b|b)?", Pattern.CASE_INSENSITIVE);
    private static final String EXAMPLES = " (write e.g. 1048576, 512KiB, 1.5MiB, 10MB)";
    private static final String[] BINARY_UNITS = {"TiB", "GiB", "MiB", "KiB"};
    private static final String[] DECIMAL_UNITS = {"TB", "GB", "MB", "KB"};

    private Sizes() {}

    /**
     * Parses {@code text} (surrounding whitespace ignored) to a number of bytes.
     *
     * @throws IllegalArgumentException saying what was wrong and how to write it
     */
    public static long parse(String text) {
        Matcher matcher = SIZE.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a size: '" + text + "'" + EXAMPLES);
        }
        String unit = matcher.group(2) == null ? "b" : matcher.group(2).toLowerCase(Locale.ROOT);
        BigDecimal bytes = new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(bytesPer(unit)));
        try {
            return bytes.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "not a size: '" + text + "' (must come to a whole number of bytes, at most 8EiB)");
        }
    }

    /**
     * Formats {@code bytes} in the shortest exact form {@link #parse} reads back, preferring binary
     * units: {@code 10MiB}, {@code 1.5MiB}, {@code 10MB}, {@code 1000001}.
     */
    public static String format(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("size must not be negative: " + bytes);
        }
        if (bytes == 0) {
            return "0";
        }
        return largestExact(bytes, BINARY_UNITS)
                .or(() -> largestExact(bytes, DECIMAL_UNITS))
                .orElse(Long.toString(bytes));
    }

    /** {@code bytes} in the largest unit giving a short exact decimal (at most two places), if any. */
    private static Optional<String> largestExact(long bytes, String[] units) {
        for (String unit : units) {
            BigDecimal amount = BigDecimal.valueOf(bytes)
                    .divide(BigDecimal.valueOf(bytesPer(unit.toLowerCase(Locale.ROOT))))
                    .stripTrailingZeros();
            if (amount.compareTo(BigDecimal.ONE) >= 0 && amount.scale() <= 2) {
                return Optional.of(amount.toPlainString() + unit);
            }
        }
        return Optional.empty();
    }

    private static long bytesPer(String lowerCaseUnit) {
        return switch (lowerCaseUnit) {
            case "b" -> 1L;
            case "kb" -> 1000L;
            case "mb" -> 1000L * 1000;
            case "gb" -> 1000L * 1000 * 1000;
            case "tb" -> 1000L * 1000 * 1000 * 1000;
            case "kib" -> 1L << 10;
            case "mib" -> 1L << 20;
            case "gib" -> 1L << 30;
            case "tib" -> 1L << 40;
            default -> throw new AssertionError(lowerCaseUnit);
        };
    }
}
