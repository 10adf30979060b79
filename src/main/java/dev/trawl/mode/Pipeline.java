package dev.trawl.mode;

import dev.trawl.config.AsyncClient;
import dev.trawl.config.CrawlConfig;
import dev.trawl.config.Mode;
import dev.trawl.extract.Extractor;
import dev.trawl.extract.FieldExtractor;
import dev.trawl.fetch.Fetcher;
import dev.trawl.fetch.FetcherFactory;
import dev.trawl.fetch.ReactorFetcherFactory;
import dev.trawl.fetch.WireTap;
import dev.trawl.fetch.RetryPolicy;
import dev.trawl.frontier.CrawlUrl;
import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.MemoryFrontier;
import dev.trawl.frontier.Scope;
import dev.trawl.frontier.UrlNormalizer;
import dev.trawl.parse.PageParser;
import dev.trawl.robots.RobotsPolicy;
import dev.trawl.robots.SitemapReader;
import dev.trawl.sink.Sink;
import dev.trawl.stats.CrawlStats;
import dev.trawl.stats.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One crawl, in process: frontier → producers (robots, fetch, parse, extract) → bounded queue → consumers
 * (extract, links, sink). The mode picks the {@link Scheduler} that drives the producers; everything else
 * is shared. The pipeline owns its threads (joined by {@link #close()}); the caller owns the sink, and the
 * fetcher unless the pipeline made its own.
 *
 * <p>Thread-safe: {@link #stop()} may be called from any thread, e.g. a signal handler.
 */
public final class Pipeline implements CrawlRun {
    private final Frontier frontier;
    private final Producer producer;
    private final Consumer consumer;
    private final CrawlStats stats;
    private final Fetcher fetcher;
    private final HandoffQueue queue;
    private final Scheduler scheduler;
    private final int consumers;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread coordinator;
    private volatile Optional<Fetcher> ownedFetcher = Optional.empty();
    private final List<String> rejectedSeeds;

    private Pipeline(CrawlConfig config, Frontier frontier, Fetcher fetcher, Recorder recorder,
            List<String> rejectedSeeds) {
        this.rejectedSeeds = List.copyOf(rejectedSeeds);
        String userAgent = config.fetch().userAgent();
        this.frontier = frontier;
        this.fetcher = fetcher;
        this.stats = new CrawlStats(System::nanoTime);
        this.queue = new HandoffQueue(config.concurrency().queueCapacity(),
                HandoffQueue.byteBudgetFor(Runtime.getRuntime().maxMemory()));
        RobotsPolicy robots = RobotsPolicy.caching(config.politeness(), userAgent, fetcher);
        RetryPolicy retry = RetryPolicy.from(config.fetch());
        UrlNormalizer normalizer = UrlNormalizer.forCrawl(config.limits().traps());
        PageRecord pages = new PageRecord(new Extractor(RobotsPolicy.productToken(userAgent), normalizer),
                FieldExtractor.compile(config.extract().fields()));
        this.producer = new Producer(frontier, robots, fetcher, PageParser.jsoup(), pages, retry, stats, queue,
                stopping::get, new SitemapReader(fetcher, config.fetch().maxBodyBytes()), normalizer);
        this.consumer = new Consumer(frontier, pages, normalizer, recorder, stats, config.fetch().maxRedirects(),
                RobotsPolicy.productToken(userAgent));
        this.consumers = config.concurrency().consumers();
        this.scheduler = schedulerFor(config.concurrency());
        this.coordinator = Thread.ofPlatform().name("trawl-crawl").unstarted(this::runToEnd);
    }

    /**
     * Starts a crawl of {@code seeds} (absolute http(s) URLs) and returns at once. Seeds that do not
     * normalize are left out (see {@link #rejectedSeeds()}).
     */
    public static Pipeline start(CrawlConfig config, List<String> seeds, Fetcher fetcher, Sink sink) {
        return start(config, seeds, fetcher, sink, RunState.inMemory(config));
    }

    /** As {@link #start(CrawlConfig, List, Fetcher, Sink)}, going on from {@code run}'s state. */
    public static Pipeline start(CrawlConfig config, List<String> seeds, Fetcher fetcher, Sink sink, RunState run) {
        UrlNormalizer.Split split = UrlNormalizer.forCrawl(config.limits().traps()).split(seeds);
        Frontier frontier = new MemoryFrontier(config.politeness(), run.state(),
                new Scope(config.scope(), split.normalized()), config.concurrency().maxInFlight(), System::nanoTime,
                run.audit());
        for (String seed : split.normalized()) {
            frontier.offer(CrawlUrl.of(seed, 0));
        }
        return begin(new Pipeline(config, frontier, fetcher, Recorder.writing(sink, frontier, run), split.rejected()));
    }

    /**
     * Starts a crawl of {@code seeds} with a fetcher of its own, built from {@code config}, which
     * {@link #close()} closes. When {@code sink} archives (a WARC output), the fetcher hands it each
     * exchange's wire bytes.
     */
    public static Pipeline start(CrawlConfig config, List<String> seeds, Sink sink) {
        return start(config, seeds, sink, RunState.inMemory(config));
    }

    /** As {@link #start(CrawlConfig, List, Sink)}, going on from {@code run}'s state. */
    public static Pipeline start(CrawlConfig config, List<String> seeds, Sink sink, RunState run) {
        Fetcher fetcher = fetcherFor(config, seeds,
                sink.archives() ? Optional.<WireTap>of(exchange -> run.archive(sink, exchange)) : Optional.empty());
        Pipeline pipeline = start(config, seeds, fetcher, sink, run);
        pipeline.ownedFetcher = Optional.of(fetcher);
        return pipeline;
    }

    /**
     * The fetcher {@code config}'s mode crawls with: in async mode, the non-blocking reactor fetcher (or
     * OkHttp's {@code enqueue} if {@code concurrency.async-client} says so), its pool sized for
     * {@code max-in-flight} connections; in every other mode, OkHttp's blocking calls. Either connects only
     * where the address rules of {@code seeds} allow ({@link FetcherFactory#seeds}), and reports each
     * exchange's wire bytes to {@code tap} if there is one. The caller owns it.
     */
    public static Fetcher fetcherFor(CrawlConfig config, List<String> seeds, Optional<WireTap> tap) {
        CrawlConfig.Concurrency concurrency = config.concurrency();
        if (concurrency.mode() == Mode.ASYNC && concurrency.asyncClient() == AsyncClient.REACTOR) {
            ReactorFetcherFactory reactor = ReactorFetcherFactory.create(config.fetch()).seeds(seeds)
                    .maxConnections(Math.max(concurrency.maxInFlight(), ReactorFetcherFactory.DEFAULT_MAX_CONNECTIONS));
            tap.ifPresent(reactor::wireTap);
            return reactor.build();
        }
        FetcherFactory okHttp = FetcherFactory.okHttp(config.fetch()).seeds(seeds);
        tap.ifPresent(okHttp::wireTap);
        if (concurrency.mode() == Mode.ASYNC) {
            // Its dispatcher must not queue what the scheduler already bounds to max-in-flight.
            int calls = Math.max(concurrency.maxInFlight(), FetcherFactory.DEFAULT_MAX_REQUESTS);
            okHttp.maxRequests(calls, calls);
        }
        return okHttp.build();
    }

    /**
     * Stops the crawl if it is still running, joins its threads, and closes the fetcher the pipeline
     * made for itself, if it did; a caller's fetcher stays open.
     */
    @Override
    public void close() {
        if (finished.getCount() > 0) {
            stop();
        }
        boolean interrupted = false;
        while (coordinator.isAlive()) {
            try {
                coordinator.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        ownedFetcher.ifPresent(Fetcher::close);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts a crawl driven by a frontier the caller made and fills (a processes-mode child routes
     * links through its coordinator this way), and returns at once.
     */
    public static Pipeline start(CrawlConfig config, Frontier frontier, Fetcher fetcher, Recorder recorder) {
        return begin(new Pipeline(config, frontier, fetcher, recorder, List.of()));
    }

    private static Pipeline begin(Pipeline pipeline) {
        pipeline.coordinator.start();
        return pipeline;
    }

    private static Scheduler schedulerFor(CrawlConfig.Concurrency concurrency) {
        return switch (concurrency.mode()) {
            case THREADS -> new ThreadsScheduler(concurrency.producers());
            case ASYNC -> new AsyncScheduler(concurrency.maxInFlight(), Runtime.getRuntime().availableProcessors());
            case VIRTUAL -> new VirtualScheduler(concurrency.maxInFlight());
            case PROCESSES -> throw new IllegalArgumentException(
                    "processes mode runs a coordinator, not an in-process pipeline; see dev.trawl.mode.process");
        };
    }

    private void runToEnd() {
        List<Future<?>> drains = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(consumers, Threads.platform("trawl-consume-"))) {
            for (int i = 0; i < consumers; i++) {
                drains.add(pool.submit(this::drain));
            }
            try {
                scheduler.run(frontier, producer);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(e);
            } catch (RuntimeException | Error e) {
                fail(e);
            } finally {
                endOfStream();
            }
        } finally {
            finished.countDown();
        }
    }

    /** One consumer: takes hand-offs until {@link Handoff#END}. A failing record stops the crawl but not the drain. */
    private void drain() {
        while (true) {
            Handoff handoff;
            try {
                handoff = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (handoff == Handoff.END) {
                return;
            }
            try {
                consumer.consume(handoff);
            } catch (RuntimeException e) {
                fail(e);
            }
        }
    }

    /** Puts one end marker per consumer, waiting for room as long as it takes: consumers are still draining. */
    private void endOfStream() {
        boolean interrupted = false;
        for (int i = 0; i < consumers; i++) {
            while (true) {
                try {
                    queue.put(Handoff.END);
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void fail(Throwable e) {
        failure.compareAndSet(null, e);
        stop();
    }

    /**
     * Stops the crawl: no new requests, in-flight ones cancelled (and recorded as {@code cancelled}),
     * everything already fetched is still recorded. Idempotent.
     */
    @Override
    public void stop() {
        if (stopping.compareAndSet(false, true)) {
            frontier.stop();
            fetcher.cancelAll();
        }
    }

    /** Waits for the crawl to end; throws {@link CrawlFailedException} if it could not go on. */
    @Override
    public Summary await() throws InterruptedException {
        finished.await();
        Throwable error = failure.get();
        if (error != null) {
            throw error instanceof CrawlFailedException failed ? failed
                    : new CrawlFailedException(String.valueOf(error.getMessage()), error);
        }
        return summary();
    }

    /** The figures so far (final once {@link #await()} has returned). */
    @Override
    public Summary summary() {
        return stats.summary(stopping.get(), frontier.snapshot().droppedOverBudget()).toBuilder()
                .slowedHosts(frontier.slowed()).politeness(frontier.politeness()).build();
    }

    /** What a progress line shows. */
    @Override
    public Progress progress() {
        Frontier.Snapshot snapshot = frontier.snapshot();
        return new Progress(stats.records(), stats.errors(), snapshot.queued(), snapshot.inFlight(), queue.size(),
                snapshot.hosts(), stats.elapsed(), frontier.waiting());
    }

    /** Seeds that were not absolute http(s) URLs and were left out. */
    @Override
    public List<String> rejectedSeeds() {
        return rejectedSeeds;
    }
}
