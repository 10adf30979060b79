package dev.trawl.mode.process;

import dev.trawl.frontier.Admission;
import dev.trawl.frontier.CrawlUrl;
import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.Lease;
import dev.trawl.frontier.MemoryFrontier;
import dev.trawl.frontier.Scope;
import dev.trawl.robots.RobotsRules;
import dev.trawl.sink.CrawlRecord;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A child's frontier: leases come from an inner {@link MemoryFrontier} holding the URLs the coordinator
 * assigned ({@link #assign}). Redirect targets the child's consumers find ({@link #offer}) are checked for
 * depth and scope here, answered the way the in-process frontier would, and sent to the coordinator; a
 * page's record goes to the coordinator with its in-scope links in one message ({@link #recorded}). The
 * coordinator owns the crawl state (seen-set, depths, page budget) and routes each URL to the child that
 * owns its host (perhaps this one, perhaps another).
 *
 * <p>Thread-safe: the inner frontier is, and the outbox must be.
 */
final class RoutingFrontier implements Frontier {
    private final MemoryFrontier inner;
    private final Scope scope;
    private final int maxDepth;
    private final Consumer<CrawlUrl> outbox;
    private final BiConsumer<CrawlRecord, List<String>> records;
    private final Consumer<String> retries;
    private volatile boolean stopped;

    /**
     * @param inner the frontier of this child's own hosts; kept open until {@link #endWhenIdle()}
     * @param outbox sends a found URL to the coordinator; throws {@link java.io.UncheckedIOException} if it
     *     is gone
     * @param records sends a record and its page's links to the coordinator, likewise
     * @param retries tells the coordinator a URL will be tried again, likewise
     */
    RoutingFrontier(MemoryFrontier inner, Scope scope, int maxDepth, Consumer<CrawlUrl> outbox,
            BiConsumer<CrawlRecord, List<String>> records, Consumer<String> retries) {
        this.inner = inner;
        this.scope = scope;
        this.maxDepth = maxDepth;
        this.outbox = outbox;
        this.records = records;
        this.retries = retries;
        inner.keepOpen();
    }

    /** A redirect target found by this child: filtered like the in-process frontier would, then routed by the coordinator. */
    @Override
    public Admission offer(CrawlUrl url) {
        if (stopped) {
            return Admission.STOPPED;
        }
        Admission verdict = scope.admits(url, maxDepth);
        if (verdict == Admission.ADMITTED) {
            outbox.accept(url);
        }
        return verdict;
    }

    /** A URL the coordinator gave this child to fetch. */
    Admission assign(CrawlUrl url) {
        return inner.offer(url);
    }

    /** The coordinator will send no more URLs: the crawl ends once nothing is outstanding. */
    void endWhenIdle() {
        inner.endWhenIdle();
    }

    @Override
    public Optional<Lease> next() throws InterruptedException {
        return inner.next();
    }

    @Override
    public Optional<Lease> poll() {
        return inner.poll();
    }

    /** The child's own hosts keep their politeness here, so their clocks start when its requests go out. */
    @Override
    public void sent(Lease lease) {
        inner.sent(lease);
    }

    @Override
    public void robotsLoaded(Lease lease, RobotsRules rules) {
        inner.robotsLoaded(lease, rules);
    }

    @Override
    public void sitemapLoaded(Lease lease, List<String> sitemaps, List<String> pages) {
        // pages go to the coordinator like redirect targets, before the lease ends (the seed is still queued
        // here, so the crawl cannot end before they arrive); the count stays with the host's queue
        for (String page : inner.sitemapPages(lease, pages)) {
            offer(CrawlUrl.of(page, 1));
        }
        inner.sitemapLoaded(lease, sitemaps, List.of());
    }

    @Override
    public void observed(Lease lease, dev.trawl.fetch.FetchResult result) {
        inner.observed(lease, result);
    }

    @Override
    public java.util.Map<String, String> slowed() {
        return inner.slowed();
    }

    @Override
    public void fetched(Lease lease) {
        inner.fetched(lease);
    }

    @Override
    public void retry(Lease lease, Duration after) {
        inner.retry(lease, after);
        retries.accept(lease.url().url());
    }

    @Override
    public void retry(Lease lease, Duration after, String why) {
        inner.retry(lease, after, why);
        retries.accept(lease.url().url());
    }

    @Override
    public java.util.List<HostWait> waiting() {
        return inner.waiting();
    }

    /**
     * The child's {@link dev.trawl.mode.Recorder}: sends the record with the page's in-scope links (at any
     * depth: the coordinator decides, since a shorter path may yet be found), then completes the lease here.
     */
    void recorded(Lease lease, CrawlRecord record, List<String> links) {
        try {
            records.accept(record, links.stream().filter(scope::allows).toList());
        } finally {
            inner.complete(lease, List.of());
        }
    }

    /** Completes a lease whose record could not be made; the coordinator hears of it no more than before. */
    @Override
    public void complete(Lease lease, List<String> links) {
        inner.complete(lease, List.of());
    }

    @Override
    public void stop() {
        stopped = true;
        inner.stop();
    }

    @Override
    public boolean isFinished() {
        return inner.isFinished();
    }

    @Override
    public Snapshot snapshot() {
        return inner.snapshot();
    }
}
