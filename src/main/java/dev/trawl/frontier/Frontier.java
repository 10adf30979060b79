package dev.trawl.frontier;

import dev.trawl.audit.AuditReport;
import dev.trawl.fetch.FetchResult;
import dev.trawl.robots.RobotsRules;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which URL to fetch next: per-host FIFO queues, a politeness clock per host (delay, robots
 * Crawl-delay, connection cap), a seen-set, depth and page budgets, and the crawl's end.
 *
 * <p>A URL is <em>outstanding</em> from the moment it is admitted until {@link #complete} is called for
 * it; the crawl is over when nothing is outstanding (or the page budget is spent and nothing is in
 * flight), and then {@link #next()} returns empty to every caller. Implementations are thread-safe.
 */
public interface Frontier {

    /** Offers a URL found as a seed, link or redirect target. */
    Admission offer(CrawlUrl url);

    /**
     * Waits until some host may be contacted, and leases its next URL. Empty once the crawl is over or
     * stopped.
     */
    Optional<Lease> next() throws InterruptedException;

    /** A lease if one is ready now; never blocks. */
    Optional<Lease> poll();

    /**
     * The request of a {@code FETCH}, {@code ROBOTS} or {@code SITEMAP} lease is going out now: its head is
     * about to be written on a connected socket ({@link dev.trawl.fetch.SendListener}). The host's politeness
     * clock starts here, not at the lease, since a lease may wait for a connection, a handshake or a thread
     * before its request reaches the server; until then a host whose requests keep a gap (a delay, a
     * Crawl-delay, an adaptive extra) gets no other lease, while one that keeps none is never held.
     *
     * <p>A lease that ends without it (nothing was sent: a failed connect, cached robots.txt rules) holds
     * the host until its end, and the next request keeps the gap from there. Later calls for the same lease,
     * or calls after it ended, change nothing. Called from whichever thread writes the request: it does not
     * block.
     */
    void sent(Lease lease);

    /** Answers a {@code ROBOTS} lease: the host's rules, whose Crawl-delay may raise its delay. */
    void robotsLoaded(Lease lease, RobotsRules rules);

    /**
     * Answers a {@code SITEMAP} lease: {@code pages} (normalized page URLs it listed) are offered like links
     * found on a seed (depth 1), at most {@code politeness.max-sitemap-urls} per host; {@code sitemaps} (those
     * an index listed, or a redirect's target) are read next, those on the same host and in scope, each
     * once; then the host slot is free again.
     */
    void sitemapLoaded(Lease lease, List<String> sitemaps, List<String> pages);

    /**
     * What the request of a {@code FETCH} lease got, told before {@link #fetched} or {@link #retry}: a 429,
     * a 503 or a slowing host widens its gaps (adaptive politeness).
     */
    default void observed(Lease lease, FetchResult result) {}

    /** The hosts adaptive politeness slowed, each with why, e.g. {@code 503 x3, peak 4s, now 1s}. */
    default Map<String, String> slowed() {
        return Map.of();
    }

    /**
     * The politeness audit of the requests made so far: each request checked, as it was leased and answered,
     * against the delay, Crawl-delay, Retry-After and per-host cap it owed its host. Empty where this
     * frontier does not pace hosts itself, or another audits its facts (a processes-mode child's coordinator).
     */
    default Optional<AuditReport> politeness() {
        return Optional.empty();
    }

    /** The request of a {@code FETCH} lease has ended; the host slot is free again. */
    void fetched(Lease lease);

    /** The request of a {@code FETCH} lease should be tried again, not before {@code after} from now. */
    void retry(Lease lease, Duration after);

    /** {@link #retry(Lease, Duration)}, saying why (e.g. "status 503"), for {@link #waiting()}. */
    default void retry(Lease lease, Duration after, String why) {
        retry(lease, after);
    }

    /**
     * Hosts held back now by a failure (robots.txt that could not be had, a retry waiting out its
     * backoff), with why and for how long: what a progress line shows when the crawl seems idle.
     */
    default List<HostWait> waiting() {
        return List.of();
    }

    /**
     * The URL's record is written: it is no longer outstanding, and its {@code links} (normalized; those out
     * of scope are left out here) are offered one hop deeper than the URL.
     */
    void complete(Lease lease, List<String> links);

    /** Stops handing out leases; {@link #next()} returns empty from now on. */
    void stop();

    /** Whether the crawl is over: nothing outstanding, or stopped. */
    boolean isFinished();

    /** Counts for progress lines and summaries. */
    Snapshot snapshot();

    /**
     * Frontier counts at one moment.
     *
     * @param queued URLs waiting in host queues
     * @param inFlight requests (and robots.txt loads) under way
     * @param outstanding admitted and not yet completed
     * @param hosts hosts seen
     * @param seen distinct URLs seen
     * @param droppedOverBudget URLs discarded because the page budget was spent
     */
    record Snapshot(int queued, int inFlight, long outstanding, int hosts, long seen, long droppedOverBudget) {}

    /**
     * A host held back by a failure.
     *
     * @param host the politeness key (host and port)
     * @param why what it waits for, e.g. "robots.txt connect: could not connect to … (try 2 of 3)"
     * @param left time until it may be asked again
     */
    record HostWait(String host, String why, Duration left) {}
}
