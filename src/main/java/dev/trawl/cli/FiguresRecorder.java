package dev.trawl.cli;

import dev.trawl.mode.CrawlRun;
import dev.trawl.stats.CrawlFigures;
import dev.trawl.stats.Summary;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records what {@code --stats-json} writes: samples the crawl's page count every
 * {@link CrawlFigures#SAMPLE_EVERY_MS} ms on a thread of its own ({@code trawl-figures}), notes when the
 * first page arrived, and at the end reads the JVM's own counters (GC, heap, threads). Owns its thread,
 * stopped by {@link #close()}. Thread-safe.
 */
final class FiguresRecorder implements AutoCloseable {
    private static final long FIRST_PAGE_POLL_MS = 10;

    private final CrawlRun run;
    private final long crawlStartMs;
    private final List<CrawlFigures.Sample> samples = new ArrayList<>();
    private final AtomicLong firstPageMs = new AtomicLong(-1);
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("trawl-figures").daemon().factory());

    private FiguresRecorder(CrawlRun run) {
        this.run = run;
        this.crawlStartMs = sinceJvmStart();
    }

    /** Starts sampling {@code run}. */
    static FiguresRecorder start(CrawlRun run) {
        FiguresRecorder recorder = new FiguresRecorder(run);
        recorder.ticker.scheduleAtFixedRate(recorder::poll, 0, FIRST_PAGE_POLL_MS, TimeUnit.MILLISECONDS);
        return recorder;
    }

    private long ticks;

    private void poll() {
        long pages = run.progress().records();
        long now = sinceJvmStart();
        if (pages > 0) {
            firstPageMs.compareAndSet(-1, now);
        }
        if (ticks++ % (CrawlFigures.SAMPLE_EVERY_MS / FIRST_PAGE_POLL_MS) == 0) {
            synchronized (samples) {
                samples.add(new CrawlFigures.Sample(now, pages));
            }
        }
    }

    /** The figures of the finished crawl, {@code summary} being its end. */
    CrawlFigures figures(String mode, Summary summary) {
        close();
        long end = sinceJvmStart();
        List<CrawlFigures.Sample> all;
        synchronized (samples) {
            samples.add(new CrawlFigures.Sample(end, summary.records()));
            all = List.copyOf(samples);
        }
        long first = firstPageMs.get();
        long gcMs = 0;
        long gcCount = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcMs += Math.max(0, gc.getCollectionTime());
            gcCount += Math.max(0, gc.getCollectionCount());
        }
        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        return new CrawlFigures(mode, summary.records(), summary.responses(), summary.errors(), summary.bytes(),
                summary.wall().toMillis(), summary.p50Millis(), summary.p95Millis(), summary.p99Millis(), gcMs, gcCount,
                peakHeap / (1024.0 * 1024.0), ManagementFactory.getThreadMXBean().getPeakThreadCount(), crawlStartMs,
                first < 0 ? end : first, all, run.figures());
    }

    private static long sinceJvmStart() {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
