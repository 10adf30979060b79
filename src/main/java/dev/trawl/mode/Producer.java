package dev.trawl.mode;

import dev.trawl.fetch.FetchRequest;
import dev.trawl.fetch.FetchResult;
import dev.trawl.fetch.Fetcher;
import dev.trawl.fetch.RetryPolicy;
import dev.trawl.fetch.SendListener;
import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.Lease;
import dev.trawl.parse.PageParser;
import dev.trawl.frontier.UrlNormalizer;
import dev.trawl.robots.RobotsPolicy;
import dev.trawl.robots.SitemapReader;
import dev.trawl.robots.RobotsRules;
import dev.trawl.stats.CrawlStats;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;

/**
 * The producer half of the pipeline, the same in every mode: answer a lease by loading robots.txt or
 * fetching, decide on a retry, parse HTML, and put the outcome on the queue. Modes differ only in which
 * thread calls which method. Stateless apart from its collaborators; thread-safe.
 */
final class Producer {
    /** Above this, a page parses alone. */
    static final int LARGE_PAGE_BYTES = 1 << 20;
    private final Frontier frontier;
    private final RobotsPolicy robots;
    private final Fetcher fetcher;
    private final PageParser parser;
    private final PageRecord extractor;
    private final RetryPolicy retryPolicy;
    private final CrawlStats stats;
    private final HandoffQueue queue;
    private final BooleanSupplier stopping;
    private final Semaphore parsing;
    /** One permit per core: a page parses with one, a large page with all of them (so it parses alone). */
    private final Semaphore documents;
    private final int cores;
    private final SitemapReader sitemaps;
    private final UrlNormalizer normalizer;

    Producer(Frontier frontier, RobotsPolicy robots, Fetcher fetcher, PageParser parser, PageRecord extractor,
            RetryPolicy retryPolicy, CrawlStats stats, HandoffQueue queue, BooleanSupplier stopping,
            SitemapReader sitemaps, UrlNormalizer normalizer) {
        this.sitemaps = sitemaps;
        this.normalizer = normalizer;
        this.frontier = frontier;
        this.robots = robots;
        this.fetcher = fetcher;
        this.parser = parser;
        this.extractor = extractor;
        this.retryPolicy = retryPolicy;
        this.stats = stats;
        this.queue = queue;
        this.stopping = stopping;
        this.parsing = new Semaphore(queue.remainingCapacity());
        this.cores = Runtime.getRuntime().availableProcessors();
        this.documents = new Semaphore(cores, true);
    }

    /** Answers {@code lease} completely on the calling thread, blocking on I/O (threads and virtual modes). */
    void handle(Lease lease) throws InterruptedException {
        switch (lease.kind()) {
            case ROBOTS -> frontier.robotsLoaded(lease, robotsAsync(lease).join());
            case SITEMAP -> sitemapRead(lease, sitemapAsync(lease).join());
            case DISALLOWED -> queue.put(Handoff.disallowed(lease));
            case FETCH -> deliver(lease, fetcher.fetch(FetchRequest.of(lease.url().url()).whenSent(sent(lease))));
        }
    }

    /** Starts a fetch without blocking the caller (async mode). */
    CompletableFuture<FetchResult> fetchAsync(Lease lease) {
        return fetcher.fetchAsync(FetchRequest.of(lease.url().url()).whenSent(sent(lease)));
    }

    /**
     * Tells the frontier when the lease's request goes out, which starts its host's politeness clock: a
     * request may wait for a connection, a handshake or a thread after its lease, in every mode.
     */
    private SendListener sent(Lease lease) {
        return () -> frontier.sent(lease);
    }

    /**
     * Puts a hand-off on the queue, waiting for room: the backpressure that bounds memory. An interrupt
     * while waiting restores the flag and reports the loss, since the URL's record would be missing.
     */
    void handOff(Handoff handoff) {
        try {
            queue.put(handoff);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted before " + handoff.lease().url().url() + " was recorded", e);
        }
    }

    /** {@link #record} for a thread that cannot throw {@link InterruptedException} (async completions). */
    void recordOrFail(Lease lease, FetchResult result) {
        try {
            record(lease, result);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted before " + lease.url().url() + " was recorded", e);
        }
    }

    /** Reads a sitemap without blocking the caller (async mode); answer with {@link #sitemapRead}. */
    CompletableFuture<SitemapReader.Listing> sitemapAsync(Lease lease) {
        return sitemaps.read(lease.url().url(), sent(lease));
    }

    /**
     * Answers a {@code SITEMAP} lease: what it listed, normalized by the crawl's rules (what does not
     * normalize is dropped), goes to the frontier, which offers the pages like links.
     */
    void sitemapRead(Lease lease, SitemapReader.Listing listing) {
        frontier.sitemapLoaded(lease, normalized(listing.sitemaps()), normalized(listing.pages()));
    }

    private List<String> normalized(List<String> urls) {
        return urls.stream().flatMap(url -> normalizer.normalize(url).stream()).toList();
    }

    /** Loads robots.txt without blocking the caller (async mode). */
    CompletableFuture<RobotsRules> robotsAsync(Lease lease) {
        return robots.rulesFor(lease.url().url(), sent(lease));
    }

    /**
     * Settles a finished request: either schedules a retry with the frontier, or frees the host slot,
     * parses and extracts an HTML page and puts the outcome on the queue, waiting for room. At most as
     * many pages as the queue holds are extracted and waiting outside it, and at most one parsed document
     * per core exists at a time (parsing is CPU work: more at once would only hold more memory), in every
     * mode (virtual threads and async completions may far outnumber both).
     */
    void deliver(Lease lease, FetchResult result) throws InterruptedException {
        if (release(lease, result)) {
            record(lease, result);
        }
    }

    /**
     * The frontier's half of {@link #deliver}: tells it the answer, then either schedules a retry or frees
     * the host's slot. Quick (the frontier's lock, no parsing, no waiting), so async mode runs it on the
     * thread that completed the fetch, and the slot is free for the next request before the page waits for
     * a parser.
     *
     * @return whether the result is to be recorded (with {@link #record}); not when it is retried
     */
    boolean release(Lease lease, FetchResult result) {
        frontier.observed(lease, result);
        if (!stopping.getAsBoolean()) {
            Optional<Duration> retry = retryPolicy.retryDelay(result, lease.url().attempt());
            if (retry.isPresent()) {
                stats.retried();
                frontier.retry(lease, retry.get(), why(result));
                return false;
            }
        }
        frontier.fetched(lease);
        return true;
    }

    /** The pipeline's half of {@link #deliver}, after {@link #release}: parses an HTML page and hands it off. */
    void record(Lease lease, FetchResult result) throws InterruptedException {
        if (!(result instanceof FetchResult.Fetched fetched && fetched.status() / 100 == 2 && fetched.isHtml())) {
            queue.put(new Handoff(lease, switch (result) {
                case FetchResult.Failed failed -> new Handoff.Outcome.Failed(failed);
                case FetchResult.Fetched fetched -> new Handoff.Outcome.Unparsed(fetched);
            }));
            return;
        }
        parsing.acquire();
        try {
            queue.put(parse(lease, fetched));
        } finally {
            parsing.release();
        }
    }

    /** "status 503", "connect": what a retry waits out, for the progress line. */
    private static String why(FetchResult result) {
        return switch (result) {
            case FetchResult.Fetched fetched -> "status " + fetched.status()
                    + fetched.retryAfter().map(d -> ", Retry-After " + d.toSeconds() + "s").orElse("");
            case FetchResult.Failed failed -> failed.kind().label();
        };
    }

    /** Decodes and extracts; the page's text (and DOM, if extraction rules built one) is garbage when this returns. */
    private Handoff parse(Lease lease, FetchResult.Fetched fetched) throws InterruptedException {
        // The decoded text holds 1-2 bytes of heap per byte of HTML, and a DOM (built only for extraction
        // rules) about 7 (a 10 MB rustdoc source page: 265,000 elements, 71 MB); two of those at once would
        // not fit a small heap, so a large page waits for every permit. The semaphore is fair, so small
        // pages cannot starve it.
        int permits = fetched.body().length > LARGE_PAGE_BYTES ? cores : 1;
        documents.acquire(permits);
        try {
            return new Handoff(lease, new Handoff.Outcome.Parsed(fetched,
                    extractor.extract(lease.url(), parser.decode(fetched), lease.url().attempt() + 1)));
        } catch (RuntimeException e) {
            return new Handoff(lease,
                    new Handoff.Outcome.Unparseable(fetched, e.getClass().getSimpleName() + ": " + e.getMessage()));
        } finally {
            documents.release(permits);
        }
    }
}
