package dev.trawl.sink;

import dev.trawl.config.CrawlConfig;
import dev.trawl.fetch.WireExchange;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where records go. Implementations are thread-safe: consumers write concurrently, fetch threads archive
 * exchanges. {@link #close()} finishes and closes the output; after it, writes fail.
 */
public interface Sink extends Closeable {

    /** Writes one record; an I/O failure is an {@link UncheckedIOException} naming the output. */
    void write(CrawlRecord record);

    /** Archives the wire bytes of one HTTP exchange; a sink that keeps none ignores them. */
    default void archive(WireExchange exchange) {}

    /**
     * Archives the exchange of a page whose record is still to come ({@link #write} of a record with its
     * URL): a job's WARC output holds it until that record, so that a commit never keeps a response without
     * its record (which would be fetched, and archived, again after a resume).
     */
    default void archiveForRecord(WireExchange exchange) {
        archive(exchange);
    }

    /**
     * Whether {@link #archive} keeps anything (a WARC output), so the fetcher must record wire bytes; when
     * false, nobody copies them.
     */
    default boolean archives() {
        return false;
    }

    /** Pushes buffered records to the file (or reports a failed background write). */
    void flush();

    @Override
    void close() throws IOException;

    /**
     * Writes out every record given so far and returns where the output then ends: the length a job cuts it
     * back to after a crash.
     *
     * @throws UnsupportedOperationException for an output that cannot be cut back (standard output, or more
     *     than one output)
     */
    default long flushedPosition() {
        throw new UnsupportedOperationException("this output cannot be resumed");
    }

    /** Forces what was written out to the disk, so that it survives a power cut. */
    default void force() {}

    /**
     * One JSON object per line, UTF-8, written on a thread of its own; {@code -} means standard output. An
     * existing file is replaced.
     */
    static Sink jsonl(Path path) {
        CrawlConfig.Output output = new CrawlConfig.Output(List.of(path), CrawlConfig.defaults().output().progress(),
                true, true, CrawlConfig.Output.DEFAULT_WARC_MAX_SIZE);
        return Outputs.open(output, List.of(), Map.of());
    }
}
