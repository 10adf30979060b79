package dev.trawl.mode;

import dev.trawl.frontier.Frontier;
import dev.trawl.stats.Summary;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A running crawl, whatever its mode: an in-process {@link Pipeline} or a processes-mode coordinator
 * ({@code dev.trawl.run.CrawlRuns} starts the one the config asks for).
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
    Progress progress();

    /** Seeds left out because they did not normalize to a crawlable http(s) URL. */
    List<String> rejectedSeeds();

    /** One more line for the summary, if the mode has something to say (e.g. worker restarts). */
    default Optional<String> report() {
        return Optional.empty();
    }

    /**
     * Figures only this kind of run has, by name, for {@code --stats-json}: processes mode reports the
     * messages and bytes that crossed its pipes ({@code pipe_messages}, {@code pipe_bytes}).
     */
    default Map<String, Long> figures() {
        return Map.of();
    }

    @Override
    void close();

    /**
     * A moment of the crawl, for a progress line.
     *
     * @param records URLs recorded
     * @param errors records with an error
     * @param queued URLs waiting (in processes mode: assigned to a child and not yet recorded)
     * @param inFlight requests under way
     * @param handoffs parsed pages waiting for a consumer
     * @param hosts hosts seen
     * @param elapsed time since the start
     * @param waiting hosts held back by a failure, and why (empty where the mode cannot tell)
     */
    record Progress(long records, long errors, long queued, int inFlight, int handoffs, int hosts, Duration elapsed,
            List<Frontier.HostWait> waiting) {
        public Progress {
            waiting = List.copyOf(waiting);
        }
    }
}
