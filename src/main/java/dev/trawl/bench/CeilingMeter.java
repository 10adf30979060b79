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
 * answers per second to a {@link TrivialClient}, and how fast jsoup parses the workload's own pages on every
 * core (from CPU time, so other load on the machine does not lower it). Each measurement runs a warm-up first (the JIT), then counts for a fixed time. Not thread-safe.
 */
final class CeilingMeter {
    private static final Duration WARM_UP = Duration.ofSeconds(1);
    private static final Duration MEASURE = Duration.ofSeconds(3);
    private static final int PARSE_SAMPLE_PAGES = 48;

    private final SimTarget target;
    private final int pagesPerHost;

    CeilingMeter(SimTarget target, int pagesPerHost) {
        this.target = target;
        this.pagesPerHost = pagesPerHost;
    }

    /** Requests per second the server answers with {@code concurrency} in flight, spread over every host. */
    double serverCapacity(int concurrency) throws InterruptedException {
        List<SimTarget.Origin> origins = target.origins();
        AtomicLong next = new AtomicLong();
        LongAdder answered = new LongAdder();
        AtomicBoolean counting = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<?>> clients = new ArrayList<>();
        try (ExecutorService threads = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("trawl-bench-client-", 0).factory())) {
            for (int c = 0; c < concurrency; c++) {
                SimTarget.Origin origin = origins.get(c % origins.size());
                clients.add(threads.submit(() -> {
                    try (TrivialClient client = new TrivialClient(origin.address(), origin.host(), origin.port())) {
                        while (!stop.get()) {
                            client.get(path(next.getAndIncrement()));
                            if (counting.get()) {
                                answered.increment();
                            }
                        }
                    }
                    return null;
                }));
            }
            Thread.sleep(WARM_UP);
            counting.set(true);
            long start = System.nanoTime();
            Thread.sleep(MEASURE);
            long count = answered.sum();
            double seconds = (System.nanoTime() - start) / 1e9;
            stop.set(true);
            for (Future<?> client : clients) {
                failure(client).ifPresent(e -> {
                    throw new IllegalStateException("the trivial client failed against the sim server: " + e.getMessage(), e);
                });
            }
            return count / seconds;
        }
    }

    /**
     * Pages per second jsoup can parse on {@code cores} cores, the workload's own pages: measured as CPU time
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
                        parser.parse(pages.get(i % pages.size()));
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
            Thread.sleep(WARM_UP);
            counting.set(true);
            Thread.sleep(MEASURE);
            stop.set(true);
        }
        double cpuSecondsPerPage = cpuNanos.sum() / 1e9 / Math.max(1, parsed.sum());
        return cores / cpuSecondsPerPage;
    }

    private List<FetchResult.Fetched> samplePages() {
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
