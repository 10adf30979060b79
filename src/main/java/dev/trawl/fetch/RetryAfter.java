package dev.trawl.fetch;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import okhttp3.Headers;

/**
 * Reads a {@code Retry-After} header (RFC 9110 §10.2.3): either delta-seconds or an HTTP date, turned
 * into a delay from {@code now}. Stateless and thread-safe.
 */
final class RetryAfter {
    private static final String HEADER = "Retry-After";

    private RetryAfter() {}

    /**
     * The delay the server asked for; never negative (a date in the past is zero), empty when the header is
     * missing or unreadable. Delta-seconds too large for a {@code long} become the longest {@link Duration}.
     */
    static Optional<Duration> parse(Headers headers, Instant now) {
        String value = headers.get(HEADER);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        if (trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of(seconds(trimmed));
        }
        Instant date = headers.getInstant(HEADER);
        if (date == null) {
            return Optional.empty();
        }
        Duration delay = Duration.between(now, date);
        return Optional.of(delay.isNegative() ? Duration.ZERO : delay);
    }

    private static Duration seconds(String digits) {
        try {
            return Duration.ofSeconds(Long.parseLong(digits));
        } catch (NumberFormatException tooLarge) {
            return Duration.ofSeconds(Long.MAX_VALUE);
        }
    }
}
