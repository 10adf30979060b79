package dev.trawl.mode;

import dev.trawl.fetch.FetchResult;
import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.Lease;
import dev.trawl.robots.RobotsRules;
import dev.trawl.robots.SitemapReader;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code --mode async}: one scheduling thread takes leases and starts non-blocking fetches; a completion
 * frees its host's slot on the thread that completed it (a few field updates under the frontier's lock),
 * and is parsed and handed off on a small pool of {@code trawl-parse-N} threads (one per core), so parsing
 * never holds one of the fetcher's I/O threads and a slot never waits for a parser. A semaphore of {@code max-in-flight} permits, held from
 * lease to hand-off, bounds the requests and parsed pages in the air without blocking any I/O thread.
 *
 * <p>With the default fetcher (HttpClient 5's I/O reactor) this is an event loop: a request in flight is
 * a connection and a callback, and the threads are fixed (reactor, parse pool, consumers) whatever
 * {@code max-in-flight} is. With {@code concurrency.async-client: okhttp}, OkHttp's dispatcher runs each
 * call's blocking socket I/O on a pooled thread, so its threads follow the calls in flight.
 */
final class AsyncScheduler implements Scheduler {
    private final int maxInFlight;
    private final int parsers;

    AsyncScheduler(int maxInFlight, int parsers) {
        this.maxInFlight = maxInFlight;
        this.parsers = parsers;
    }

    @Override
    public void run(Frontier frontier, Producer producer) throws InterruptedException {
        Semaphore permits = new Semaphore(maxInFlight);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (ExecutorService parsePool = Executors.newFixedThreadPool(parsers, Threads.platform("trawl-parse-"))) {
            while (true) {
                permits.acquire();
                Optional<Lease> next = frontier.next();
                if (next.isEmpty()) {
                    permits.release();
                    break;
                }
                Lease lease = next.get();
                switch (lease.kind()) {
                    case ROBOTS -> producer.robotsAsync(lease).whenComplete((rules, error) -> settle(permits, failure,
                            frontier, () -> frontier.robotsLoaded(lease, rules != null ? rules : RobotsRules.ALLOW_ALL)));
                    case SITEMAP -> producer.sitemapAsync(lease).whenComplete((listing, error) -> settle(permits,
                            failure, frontier, () -> producer.sitemapRead(lease, listing != null ? listing
                                    : new SitemapReader.Listing(List.of(), List.of(), String.valueOf(error)))));
                    case DISALLOWED -> parsePool.execute(() -> settle(permits, failure, frontier,
                            () -> producer.handOff(Handoff.disallowed(lease))));
                    // the host's slot is freed where the fetch completes, before the page queues for a parser
                    case FETCH -> producer.fetchAsync(lease)
                            .thenApply(result -> producer.release(lease, result) ? Optional.of(result)
                                    : Optional.<FetchResult>empty())
                            .whenCompleteAsync((recordable, error) -> settle(permits, failure, frontier, () -> {
                                if (error != null) {
                                    throw new IllegalStateException("settling " + lease.url().url() + " failed", error);
                                }
                                recordable.ifPresent(result -> producer.recordOrFail(lease, result));
                            }), parsePool);
                }
            }
            permits.acquire(maxInFlight); // every callback has run
        }
        Throwable error = failure.get();
        if (error != null) {
            throw new CrawlFailedException("a producer failed: " + error, error);
        }
    }

    /** Runs a completion step, then returns its permit; a step that throws stops the crawl. */
    private static void settle(Semaphore permits, AtomicReference<Throwable> failure, Frontier frontier,
            Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
            frontier.stop();
        } finally {
            permits.release();
        }
    }
}
