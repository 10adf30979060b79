package dev.trawl.fetch;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One GET for a {@link Fetcher}: what to fetch, how much body to read at most, and whom to tell when the
 * request goes out.
 *
 * <pre>{@code
 * fetcher.fetchAsync(FetchRequest.of(url).capped(512 * 1024).whenSent(() -> frontier.sent(lease)));
 * }</pre>
 *
 * @param url the URL; anything but an absolute http(s) URL fails as {@link FailureKind#INVALID_URL}
 * @param maxBodyBytes the body cap, counted after gzip is inflated; empty: the fetcher's {@code fetch.max-body}
 * @param listener told when the request goes out ({@link SendListener}); {@link SendListener#NONE} by default
 */
public record FetchRequest(String url, OptionalLong maxBodyBytes, SendListener listener) {

    public FetchRequest {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(maxBodyBytes, "maxBodyBytes");
        Objects.requireNonNull(listener, "listener");
        if (maxBodyBytes.isPresent() && maxBodyBytes.getAsLong() < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 1: " + maxBodyBytes.getAsLong());
        }
    }

    /** A GET of {@code url} with the configured body cap, telling nobody when it goes out. */
    public static FetchRequest of(String url) {
        return new FetchRequest(url, OptionalLong.empty(), SendListener.NONE);
    }

    /** This request with a body cap of its own (robots.txt is read up to less than a page). */
    public FetchRequest capped(long maxBodyBytes) {
        return new FetchRequest(url, OptionalLong.of(maxBodyBytes), listener);
    }

    /** This request, telling {@code listener} when it goes out. */
    public FetchRequest whenSent(SendListener listener) {
        return new FetchRequest(url, maxBodyBytes, listener);
    }

    /** The cap that applies: this request's own, else {@code configured}. */
    long capOr(long configured) {
        return maxBodyBytes.orElse(configured);
    }
}
