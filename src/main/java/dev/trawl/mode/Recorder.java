package dev.trawl.mode;

import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.Lease;
import dev.trawl.sink.CrawlRecord;
import dev.trawl.sink.Sink;
import java.util.List;

/**
 * Where a consumer's result goes: the record of a lease's URL and the links found on it, as one step, so
 * that whoever keeps the crawl state learns of the record and its links together. In process, the record
 * is written and the URL completed; a processes-mode child sends both to its coordinator in one message.
 * Implementations are thread-safe and complete the URL even when writing fails.
 */
@FunctionalInterface
public interface Recorder {

    /** Records {@code record}, the outcome of {@code lease}, and completes its URL with {@code links}. */
    void record(Lease lease, CrawlRecord record, List<String> links);

    /**
     * Writes to {@code sink}, then completes the URL in {@code frontier}, both under {@code run}'s recording
     * lock; a journaled run's cancelled request is neither written nor completed (it is made again on resume).
     */
    static Recorder writing(Sink sink, Frontier frontier, RunState run) {
        return (lease, record, links) -> {
            if (run.leavesOut(record)) {
                return;
            }
            run.recording().lock();
            try {
                sink.write(record);
            } finally {
                try {
                    frontier.complete(lease, links);
                } finally {
                    run.recording().unlock();
                }
            }
        };
    }
}
