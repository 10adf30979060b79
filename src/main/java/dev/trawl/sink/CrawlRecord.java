package dev.trawl.sink;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One line of output: what happened to one URL the crawl fetched or tried. Failures and skips are
 * records too, with {@code error} naming the kind ({@code timeout}, {@code robots_disallowed}, …).
 *
 * @param url the normalized URL that was requested
 * @param finalUrl where it led: the redirect target of a 3xx, else the URL itself
 * @param status the HTTP status, absent when no response arrived
 * @param contentType the media type of the response
 * @param depth link hops from a seed
 * @param fetchedAt when the request started
 * @param elapsedMillis request time, start to end of body
 * @param bytes decompressed body bytes
 * @param title the page title
 * @param description the meta description
 * @param language the {@code <html lang>} attribute
 * @param canonical the {@code rel=canonical} URL, absolute
 * @param charset the charset the page was decoded with
 * @param outlinks links found on the page (before scope filtering)
 * @param noindex whether meta robots says noindex
 * @param nofollow whether meta robots says nofollow (then no links were followed)
 * @param attempts how many requests it took (retries included)
 * @param error the kind of failure or skip, lower case
 * @param errorMessage a human explanation of {@code error}
 */
public record CrawlRecord(
        String url,
        String finalUrl,
        OptionalInt status,
        Optional<String> contentType,
        int depth,
        Instant fetchedAt,
        long elapsedMillis,
        long bytes,
        Optional<String> title,
        Optional<String> description,
        Optional<String> language,
        Optional<String> canonical,
        Optional<String> charset,
        int outlinks,
        boolean noindex,
        boolean nofollow,
        int attempts,
        Optional<String> error,
        Optional<String> errorMessage) {

    public CrawlRecord {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(finalUrl, "finalUrl");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
    }

    /** This record with an error attached (e.g. a redirect whose target was refused). */
    public CrawlRecord withError(String kind, String message) {
        return new CrawlRecord(url, finalUrl, status, contentType, depth, fetchedAt, elapsedMillis, bytes, title,
                description, language, canonical, charset, outlinks, noindex, nofollow, attempts,
                Optional.of(kind), Optional.of(message));
    }
}
