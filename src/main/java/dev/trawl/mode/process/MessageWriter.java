package dev.trawl.mode.process;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes messages as frames: a 4-byte big-endian payload length, then the JSON payload. Each message is
 * flushed at once, since the peer waits for it. Thread-safe: a lock keeps frames whole when several
 * threads send (a child's consumers and its main thread).
 */
final class MessageWriter implements AutoCloseable {
    private final ReentrantLock lock = new ReentrantLock();
    private final MessageCodec codec;
    private final OutputStream out;
    private final PipeMeter meter;

    MessageWriter(MessageCodec codec, OutputStream out) {
        this(codec, out, new PipeMeter());
    }

    /** A writer that counts each frame it sends in {@code meter}. */
    MessageWriter(MessageCodec codec, OutputStream out, PipeMeter meter) {
        this.codec = codec;
        this.out = out;
        this.meter = meter;
    }

    /** Sends one message; an {@link IOException} means the peer is gone. */
    void send(Message message) throws IOException {
        byte[] payload = codec.encode(message);
        byte[] header = {
            (byte) (payload.length >>> 24), (byte) (payload.length >>> 16), (byte) (payload.length >>> 8),
            (byte) payload.length};
        lock.lock();
        try {
            out.write(header);
            out.write(payload);
            out.flush();
        } finally {
            lock.unlock();
        }
        meter.frame(payload.length);
    }

    /** Closes the stream: the peer reads end of stream. */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            out.close();
        } finally {
            lock.unlock();
        }
    }
}
