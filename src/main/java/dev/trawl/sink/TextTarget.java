package dev.trawl.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.util.Optional;

/**
 * Where a text format (JSONL, CSV) writes: a stream, and for a file the channel under it, whose length a
 * job commits and whose contents it forces to disk. One place for both, so the formats cannot differ in
 * what "committed" means. Not thread-safe: its writer's thread owns it.
 */
record TextTarget(String name, OutputStream out, Optional<FileChannel> file) {

    /** The file's length once everything written so far has left the stream's buffer. */
    long position() throws IOException {
        FileChannel channel = file.orElseThrow(() -> new UnsupportedOperationException(name + " cannot be resumed"));
        out.flush();
        return channel.position();
    }

    /** Forces what was written to the disk; nothing to do for a stream that is not a file. */
    void force() throws IOException {
        if (file.isPresent()) {
            file.get().force(false);
        }
    }
}
