package dev.trawl.fetch;

import dev.trawl.config.CrawlConfig;
import java.util.concurrent.CompletableFuture;

/**
 * Makes one HTTP GET per call; never follows redirects; never throws for crawl outcomes.
 *
 * <p>A request's {@link SendListener} is told once when its head is about to be written on a connected
 * socket, before the result; never when nothing was sent (see {@link FetchRequest}).
 *
 * <p>Implementations are thread-safe. {@link #close()} releases every thread and connection the fetcher
 * owns; {@link #cancelAll()} ends in-flight requests as {@link FailureKind#CANCELLED} (used on Ctrl-C).
 *
 * <p>Archiving: a fetcher built with a {@link WireTap} reports every exchange that got a response (pages,
 * robots.txt, redirects, non-HTML responses, bodies cut at the cap) as a {@link WireExchange}: the heads,
 * and the body exactly as received, still content-encoded. It then reads unwanted bodies (non-HTML, 3xx) up
 * to the body cap for the archive, although its results are the same as without a tap. A fetcher built
 * without a tap keeps no raw bytes and copies nothing for it.
 */
public interface Fetcher extends AutoCloseable {

    /** Blocking fetch. */
    FetchResult fetch(FetchRequest request);

    /** Non-blocking fetch: the future completes on one of the fetcher's I/O threads. */
    CompletableFuture<FetchResult> fetchAsync(FetchRequest request);

    /** Blocking fetch of {@code url} with the configured body cap. */
    default FetchResult fetch(String url) {
        return fetch(FetchRequest.of(url));
    }

    /** Non-blocking fetch of {@code url} with the configured body cap. */
    default CompletableFuture<FetchResult> fetchAsync(String url) {
        return fetchAsync(FetchRequest.of(url));
    }

    /** Cancels every request in flight. */
    void cancelAll();

    @Override
    void close();

    /**
     * An OkHttp fetcher that owns its client, threads and connections. Use {@link FetcherFactory} to inject
     * a {@code Dns}, a base client or an executor.
     */
    static Fetcher okHttp(CrawlConfig.Fetch config) {
        return FetcherFactory.okHttp(config).build();
    }
}
