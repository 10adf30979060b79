package dev.trawl.sink;

import dev.trawl.fetch.WireExchange;
import java.io.Closeable;
import java.io.IOException;

/**
 * One output format's writer. Not thread-safe: a {@link BackgroundSink} calls it from its one thread, so a
 * format never locks and never runs on a crawl thread.
 */
interface RecordWriter extends Closeable {

    /** The output's name for messages: its file, or "standard output". */
    String name();

    /** Writes a record; its JSON text, if this format writes it, is {@link RecordJson#json}, made once for all. */
    void write(RecordJson record) throws IOException;

    /** Writes a record of its own. */
    default void write(CrawlRecord record) throws IOException {
        write(new RecordJson(record));
    }

    /** Archives one HTTP exchange; only a WARC writer keeps them. */
    default void archive(WireExchange exchange) throws IOException {}

    /**
     * Archives the exchange of a page whose record is still to come: a writer that can, holds it until that
     * record, so that no position it reports falls between the two.
     */
    default void hold(WireExchange exchange) throws IOException {
        archive(exchange);
    }

    /** Whether {@link #archive} keeps anything, so the fetcher must record wire bytes. */
    default boolean archives() {
        return false;
    }

    /**
     * Nothing is waiting to be written right now, or {@code nanoTime} has moved on while waiting: a moment
     * to flush a buffer or commit a transaction that has grown old.
     */
    void idle(long nanoTime) throws IOException;

    /** Writes out what is buffered and returns the file's length (for a job's commit). */
    default long position() throws IOException {
        throw new UnsupportedOperationException(name() + " cannot be resumed");
    }

    /** Forces what was written out to the disk. */
    default void force() throws IOException {}

    /** Writes what is buffered and closes, leaving a valid file. */
    @Override
    void close() throws IOException;
}
