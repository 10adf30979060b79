package dev.trawl.mode.process;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads the frames {@link MessageWriter} writes. Not thread-safe: one thread reads a stream.
 */
final class MessageReader {
    /** Larger frames are refused: a page's record is a few KiB, so a huge length means a corrupt stream. */
    static final int MAX_FRAME_BYTES = 16 << 20;

    private final MessageCodec codec;
    private final InputStream in;
    private final PipeMeter meter;

    MessageReader(MessageCodec codec, InputStream in) {
        this(codec, in, new PipeMeter());
    }

    /** A reader that counts each frame it reads in {@code meter}. */
    MessageReader(MessageCodec codec, InputStream in, PipeMeter meter) {
        this.codec = codec;
        this.in = in;
        this.meter = meter;
    }

    /**
     * The next message, or empty at a clean end of stream (between frames).
     *
     * @throws ProtocolException if the stream ends inside a frame, or the frame is not a message
     */
    Optional<Message> next() throws IOException {
        byte[] header = new byte[4];
        int got = in.readNBytes(header, 0, 4);
        if (got == 0) {
            return Optional.empty();
        }
        if (got < 4) {
            throw new ProtocolException("truncated frame: stream ended after " + got + " of 4 header bytes");
        }
        int length = ((header[0] & 0xff) << 24) | ((header[1] & 0xff) << 16) | ((header[2] & 0xff) << 8)
                | (header[3] & 0xff);
        if (length < 0 || length > MAX_FRAME_BYTES) {
            throw new ProtocolException("bad frame length " + length + " (at most " + MAX_FRAME_BYTES
                    + "); did something other than frames get written to the stream?");
        }
        byte[] payload = in.readNBytes(length);
        if (payload.length < length) {
            throw new ProtocolException("truncated frame: stream ended after " + payload.length + " of " + length
                    + " payload bytes");
        }
        meter.frame(length);
        return Optional.of(codec.decode(payload));
    }

    /** Like {@link #next()}, for a stream that must not end here. */
    Message require() throws IOException {
        return next().orElseThrow(() -> new EOFException("stream ended before the expected message"));
    }
}
