package dev.trawl.mode;

import dev.trawl.stats.Summary;
import java.util.Optional;

/**
 * A running crawl, whatever its mode: an in-process {@link Pipeline} or a processes-mode coordinator.
 * {@link #stop()} may be called from any thread (a signal handler); {@link #close()} releases what the
 * run owns (threads, connections, child processes) once it has ended.
 */
public interface CrawlRun extends AutoCloseable {

    /** Stops cleanly: no new requests, in-flight ones cancelled, everything fetched still recorded. */
    void stop();

    /** Waits for the end; throws {@link CrawlFailedException} if the crawl could not go on. */
    Summary await() throws InterruptedException;

    /** The figures so far (final after {@link #await()}). */
    Summary summary();

    /** What a progress line shows. */
    Pipeline.Progress progress();

    /** One more line for the summary, if the mode has something to say (e.g. worker restarts). */
    default Optional<String> report() {
        return Optional.empty();
    }

    @Override
    void close();
}
