package dev.trawl.bench;

import dev.trawl.fetch.FetchResult;
import dev.trawl.parse.PageParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Measures, against the running sim server, the two ceilings that are not arithmetic: what the server
 * answers per second to a {@link TrivialClient}, and how fast a crawl can read the workload's own pages
 * (decoding and the outline a record comes from; no DOM, as in a crawl without extraction rules) on every
 * core (from CPU time, so other load on the machine does not lower it). Each measurement runs a warm-up first (the JIT), then counts for a fixed time. Not thread-safe.
 */
final class CeilingMeter {
    private static final Duration WARM_UP = Duration.ofSeconds(1);
    private static final Duration MEASURE = Duration.ofSeconds(3);
    private static final int PARSE_SAMPLE_PAGES = 48;

    private final SimTarget target;
    private final int pagesPerHost;
    private final Duration warmUp;
    private final Duration measure;
    private List<FetchResult.Fetched> pages;

    CeilingMeter(SimTarget target, int pagesPerHost) {
        this(target, pagesPerHost, WARM_UP, MEASURE);
    }

    /** With a warm-up and a measuring window of their own (at least; latency lengthens the server's). */
    CeilingMeter(SimTarget target, int pagesPerHost, Duration warmUp, Duration measure) {
        this.target = target;
        this.pagesPerHost = pagesPerHost;
        this.warmUp = warmUp;
        this.measure = measure;
    }

    /**
     * Requests per second the server answers with {@code concurrency} requests in flight, spread over every host.
     * Each client keeps one request outstanding, so by Little's law the throughput is the clients over the mean
     * time from one answer to the next, taken over the answers that arrive in the measuring window. Unlike
     * answers counted in a window, that does not depend on where the window falls: with a fixed 1 s latency
     * the clients' answers come in waves, and a window counted two or three of them by chance. Unlike each
     * client's own rate over the window, it does not miss clients whose cycle outlasts the window (a server
     * that falls behind). Warm-up and window grow with {@code meanLatency}.
     */
    double serverCapacity(int concurrency, Duration meanLatency) throws InterruptedException {
        Duration warmUp = max(this.warmUp, meanLatency.multipliedBy(2));
        Duration measure = max(this.measure, meanLatency.multipliedBy(3));
        List<SimTarget.Origin> origins = target.origins();
        AtomicLong next = new AtomicLong();
        LongAdder cycles = new LongAdder();
        LongAdder cycleNanos = new LongAdder();
        AtomicLong countFrom = new AtomicLong(Long.MAX_VALUE);
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<?>> clients = new ArrayList<>();
        try (ExecutorService threads = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("trawl-bench-client-", 0).factory())) {
            for (int c = 0; c < concurrency; c++) {
                SimTarget.Origin origin = origins.get(c % origins.size());
                clients.add(threads.submit(() -> {
                    try (TrivialClient client = new TrivialClient(origin.address(), origin.host(), origin.port())) {
                        long previous = System.nanoTime();
                        while (!stop.get()) {
                            client.get(path(next.getAndIncrement()));
                            long answered = System.nanoTime();
                            if (answered >= countFrom.get() && !stop.get()) {
                                cycles.increment();
                                cycleNanos.add(answered - previous);
                            }
                            previous = answered;
                        }
                    }
                    return null;
                }));
            }
            Thread.sleep(warmUp);
            countFrom.set(System.nanoTime());
            Thread.sleep(measure);
            stop.set(true);
            for (Future<?> client : clients) {
                failure(client).ifPresent(e -> {
                    throw new IllegalStateException("the trivial client failed against the sim server: " + e.getMessage(), e);
                });
            }
            long n = cycles.sum();
            return n == 0 ? 0 : concurrency * (n / (cycleNanos.sum() / 1e9));
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * Pages per second a crawl can read on {@code cores} cores, the workload's own pages: measured as CPU time
     * per page on one thread per core, so a machine busy with other work (which slows a thread's wall clock,
     * not its CPU cost) does not lower the ceiling below what the crawl itself can reach.
     */
    double parseRate(int cores) throws InterruptedException {
        List<FetchResult.Fetched> pages = samplePages();
        PageParser parser = PageParser.jsoup();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        AtomicBoolean counting = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder parsed = new LongAdder();
        LongAdder cpuNanos = new LongAdder();
        try (ExecutorService pool = Executors.newFixedThreadPool(cores,
                Thread.ofPlatform().name("trawl-bench-parse-", 0).factory())) {
            for (int t = 0; t < cores; t++) {
                int offset = t;
                pool.submit(() -> {
                    long countedFrom = -1;
                    long count = 0;
                    for (int i = offset; !stop.get(); i++) {
                        if (countedFrom < 0 && counting.get()) {
                            countedFrom = threads.getCurrentThreadCpuTime();
                        }
                        parser.decode(pages.get(i % pages.size())).outline();
                        if (countedFrom >= 0) {
                            count++;
                        }
                    }
                    if (countedFrom >= 0) {
                        cpuNanos.add(threads.getCurrentThreadCpuTime() - countedFrom);
                        parsed.add(count);
                    }
                });
            }
            Thread.sleep(warmUp);
            counting.set(true);
            Thread.sleep(measure);
            stop.set(true);
        }
        double cpuSecondsPerPage = cpuNanos.sum() / 1e9 / Math.max(1, parsed.sum());
        return cores / cpuSecondsPerPage;
    }

    /** The sample pages, fetched from the server the first time. */
    private List<FetchResult.Fetched> samplePages() {
        if (pages == null) {
            pages = List.copyOf(fetchSamplePages());
        }
        return pages;
    }

    private List<FetchResult.Fetched> fetchSamplePages() {
        List<SimTarget.Origin> origins = target.origins();
        List<FetchResult.Fetched> pages = new ArrayList<>();
        for (int i = 0; i < PARSE_SAMPLE_PAGES; i++) {
            SimTarget.Origin origin = origins.get(i % origins.size());
            String path = path(i * 7919L);
            try (TrivialClient client = new TrivialClient(origin.address(), origin.host(), origin.port())) {
                byte[] body = client.get(path);
                pages.add(new FetchResult.Fetched("http://" + origin.host() + ":" + origin.port() + path, Instant.now(),
                        Duration.ZERO, 200, Optional.of("text/html"), Optional.of("utf-8"), body, true,
                        Optional.empty(), Optional.empty(), body.length));
            } catch (IOException e) {
                throw new UncheckedIOException("could not fetch " + path + " from the sim server: " + e.getMessage(), e);
            }
        }
        return pages;
    }

    /** Page n of the site's pages (page 0 is {@code /}). */
    private String path(long n) {
        long page = n % pagesPerHost;
        return page == 0 ? "/" : "/p/" + page + ".html";
    }

    private static Optional<Throwable> failure(Future<?> future) {
        try {
            future.get();
            return Optional.empty();
        } catch (java.util.concurrent.ExecutionException e) {
            return Optional.of(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
