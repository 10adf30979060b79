package dev.trawl.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Samples the resident memory of a process and all its descendants (a processes-mode coordinator and its
 * children) from {@code /proc} every {@link #EVERY_MS} ms, keeping the largest sum. Linux only; elsewhere
 * it reports 0. Owns one thread ({@code trawl-bench-rss}), stopped by {@link #close()}. Thread-safe.
 */
final class ProcessTreeMeter implements AutoCloseable {
    static final long EVERY_MS = 50;

    private final ProcessHandle root;
    private final boolean includeRoot;
    private final AtomicLong peakKib = new AtomicLong();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("trawl-bench-rss").daemon().factory());

    private ProcessTreeMeter(ProcessHandle root, boolean includeRoot) {
        this.root = root;
        this.includeRoot = includeRoot;
    }

    /**
     * Starts sampling {@code root}'s tree; without {@code includeRoot}, only its descendants (when the root
     * is a wrapper such as GNU time).
     */
    static ProcessTreeMeter start(ProcessHandle root, boolean includeRoot) {
        ProcessTreeMeter meter = new ProcessTreeMeter(root, includeRoot);
        meter.ticker.scheduleAtFixedRate(meter::sample, 0, EVERY_MS, TimeUnit.MILLISECONDS);
        return meter;
    }

    private void sample() {
        Stream<ProcessHandle> tree = includeRoot ? Stream.concat(Stream.of(root), root.descendants()) : root.descendants();
        long kib = tree.mapToLong(ProcessTreeMeter::rssKib).sum();
        peakKib.accumulateAndGet(kib, Math::max);
    }

    /** VmRSS of one process, 0 if it is gone or unreadable. */
    static long rssKib(ProcessHandle process) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the process ended between listing and reading, or this is not Linux
        }
        return 0;
    }

    /** The largest tree RSS seen, in MiB. */
    double peakMib() {
        return peakKib.get() / 1024.0;
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
