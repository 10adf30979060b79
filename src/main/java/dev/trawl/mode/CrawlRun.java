package dev.trawl.mode;

import dev.trawl.config.CrawlConfig;
import dev.trawl.mode.process.Coordinator;
import dev.trawl.sink.Sink;
import dev.trawl.stats.Summary;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/**
 * A running crawl, whatever its mode: an in-process {@link Pipeline} or a processes-mode coordinator.
 * {@link #stop()} may be called from any thread (a signal handler); {@link #close()} releases what the
 * run owns (threads, connections, child processes) once it has ended.
 */
public interface CrawlRun extends AutoCloseable {

    /**
     * Starts a crawl of {@code seeds} as {@code config}'s mode says: an in-process pipeline with a fetcher
     * of its own, or a coordinator with child JVMs (whose logs go to {@code log}). Returns at once.
     */
    static CrawlRun start(CrawlConfig config, List<String> seeds, Sink sink, PrintWriter log) {
        return config.concurrency().mode() == Mode.PROCESSES
                ? Coordinator.start(config, seeds, sink, log)
                : Pipeline.start(config, seeds, sink);
    }

    /** Stops cleanly: no new requests, in-flight ones cancelled, everything fetched still recorded. */
    void stop();

    /** Waits for the end; throws {@link CrawlFailedException} if the crawl could not go on. */
    Summary await() throws InterruptedException;

    /** The figures so far (final after {@link #await()}). */
    Summary summary();

    /** What a progress line shows. */
    Pipeline.Progress progress();

    /** Seeds left out because they did not normalize to a crawlable http(s) URL. */
    List<String> rejectedSeeds();

    /** One more line for the summary, if the mode has something to say (e.g. worker restarts). */
    default Optional<String> report() {
        return Optional.empty();
    }

    @Override
    void close();
}
