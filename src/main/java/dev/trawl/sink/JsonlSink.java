package dev.trawl.sink;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;

/**
 * JSON Lines with Jackson's streaming generator: one object per record, each line complete before the
 * next begins, so a file cut short by Ctrl-C or a crash holds only whole records (at worst the
 * last line is partial after a hard kill). Thread-safe behind a lock.
 */
final class JsonlSink implements Sink {
    private final ReentrantLock lock = new ReentrantLock();
    private final String name;
    private final OutputStream out;
    private final JsonGenerator json;
    private boolean closed;

    private JsonlSink(String name, OutputStream out) throws IOException {
        this.name = name;
        this.out = out;
        this.json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
        json.setRootValueSeparator(null);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    static JsonlSink open(Path path) {
        try {
            if (path.toString().equals("-")) {
                return new JsonlSink("standard output", new FilterOutputStream(System.out) {
                    @Override
                    public void close() throws IOException {
                        flush();
                    }
                });
            }
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return new JsonlSink(path.toString(), new BufferedOutputStream(Files.newOutputStream(path), 1 << 16));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open output " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void write(CrawlRecord r) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("sink " + name + " is closed");
            }
            RecordCodec.write(json, r);
            json.flush();
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + name + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void flush() {
        lock.lock();
        try {
            if (!closed) {
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot flush " + name + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            json.close();
            out.close();
        } finally {
            lock.unlock();
        }
    }
}
