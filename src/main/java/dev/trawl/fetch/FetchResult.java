package dev.trawl.fetch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What came of one HTTP request. Crawl outcomes are data, not exceptions: a 404, a 503, a timeout or a
 * body over the cap all arrive here.
 */
public sealed interface FetchResult permits FetchResult.Fetched, FetchResult.Failed {

    /** The URL that was requested. */
    String url();

    /** When the request started. */
    Instant startedAt();

    /** Wall time from the request's start to the end of the body (or the failure). */
    Duration elapsed();

    /**
     * A response arrived. Redirects are not followed by the fetcher: a 3xx comes back here with its
     * {@code location}, and the pipeline sends the target through the frontier's checks.
     *
     * @param status HTTP status code
     * @param contentType the media type without parameters, lower case ({@code text/html}), if any
     * @param headerCharset the {@code charset} parameter of Content-Type, if any
     * @param body the decompressed body; empty when the content type is not HTML-ish (not downloaded)
     * @param bodyRead whether the body was downloaded
     * @param location the raw {@code Location} header of a 3xx, if any
     * @param retryAfter the {@code Retry-After} header (seconds or HTTP date) as a delay from now, if any
     * @param wireBytes bytes received on the wire for the body (compressed size), or -1 if unknown
     * @param robotsTags the values of the {@code X-Robots-Tag} headers, in order; empty if none
     */
    record Fetched(
            String url,
            Instant startedAt,
            Duration elapsed,
            int status,
            Optional<String> contentType,
            Optional<String> headerCharset,
            byte[] body,
            boolean bodyRead,
            Optional<String> location,
            Optional<Duration> retryAfter,
            long wireBytes,
            List<String> robotsTags)
            implements FetchResult {

        public Fetched {
            robotsTags = List.copyOf(robotsTags);
        }

        /** A response without {@code X-Robots-Tag} headers. */
        public Fetched(String url, Instant startedAt, Duration elapsed, int status, Optional<String> contentType,
                Optional<String> headerCharset, byte[] body, boolean bodyRead, Optional<String> location,
                Optional<Duration> retryAfter, long wireBytes) {
            this(url, startedAt, elapsed, status, contentType, headerCharset, body, bodyRead, location, retryAfter,
                    wireBytes, List.of());
        }

        public boolean isRedirect() {
            return status >= 300 && status < 400 && location.isPresent();
        }

        /** Whether the body is worth giving to an HTML parser. */
        public boolean isHtml() {
            return bodyRead && contentType.map(ContentTypes::isHtmlish).orElse(true);
        }
    }

    /** No usable response. */
    record Failed(String url, Instant startedAt, Duration elapsed, FailureKind kind, String message)
            implements FetchResult {}
}
