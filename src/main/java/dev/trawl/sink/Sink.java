package dev.trawl.sink;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Where records go. Implementations are thread-safe: consumers write concurrently. {@link #close()}
 * flushes; after it, writes fail.
 */
public interface Sink extends Closeable {

    /** Writes one record; an I/O failure is an {@link UncheckedIOException} naming the output. */
    void write(CrawlRecord record);

    /** Pushes buffered records to the file. */
    void flush();

    @Override
    void close() throws IOException;

    /** One JSON object per line, UTF-8; {@code -} means standard output. */
    static Sink jsonl(Path path) {
        return JsonlSink.open(path);
    }
}
