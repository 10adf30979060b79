package dev.trawl.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.util.Optional;

/**
 * JSON Lines: one {@link RecordCodec} object per line, UTF-8, each line whole before the next begins, so
 * a file cut short by Ctrl-C holds only whole records (after a hard kill, at worst a partial last line).
 * Flushed whenever the writer catches up, so a reader of standard output sees records as they come and
 * a closed pipe is noticed. Not thread-safe (see {@link BackgroundSink}).
 */
final class JsonlWriter implements RecordWriter {
    private final String name;
    private final OutputStream out;
    private final TextTarget target;

    JsonlWriter(String name, OutputStream out) throws IOException {
        this(name, out, Optional.empty());
    }

    /** A writer to a file whose length {@link #position} reports and {@link #force} syncs. */
    JsonlWriter(String name, OutputStream out, Optional<FileChannel> file) throws IOException {
        this.name = name;
        this.out = out;
        this.target = new TextTarget(name, out, file);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void write(RecordJson record) throws IOException {
        out.write(record.json());
        out.write('\n');
    }

    @Override
    public long position() throws IOException {
        return target.position();
    }

    @Override
    public void force() throws IOException {
        target.force();
    }

    @Override
    public void idle(long nanoTime) throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
