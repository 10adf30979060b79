package dev.trawl.fetch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates a gzip body (RFC 1952, one member) pushed to it in pieces as they come off the wire, so a
 * body is inflated no further than its cap: a gzip bomb costs the cap, not its inflated size.
 * {@link java.util.zip.GZIPInputStream} pulls from a stream, which a non-blocking reader cannot give it.
 *
 * <p>Not thread-safe: one I/O thread at a time feeds it. {@link #close()} frees the native inflater.
 */
final class StreamingGunzip implements AutoCloseable {
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int FIXED_HEADER = 10;
    private static final int TRAILER = 8;

    /** Where in the member the next byte belongs. */
    private enum Part { FIXED, EXTRA_LENGTH, EXTRA, NAME, COMMENT, HEADER_CRC, DATA, TRAILER, DONE }

    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] chunk = new byte[16 * 1024];
    private final byte[] fixed = new byte[FIXED_HEADER];
    private final byte[] trailer = new byte[TRAILER];
    private Part part = Part.FIXED;
    private int flags;
    private int filled;
    private int remaining;
    private long inflated;

    /** Thrown when the inflated body would pass its cap. */
    static final class TooLarge extends IOException {
        TooLarge() {
            super("inflated body over the cap");
        }
    }

    /**
     * Inflates what {@code src} holds into {@code out}.
     *
     * @throws TooLarge    when {@code out} reaches its cap
     * @throws IOException when the bytes are not gzip, or are corrupt
     */
    void feed(ByteBuffer src, CappedBody out) throws IOException {
        while (src.hasRemaining()) {
            switch (part) {
                case FIXED -> {
                    fixed[filled++] = src.get();
                    if (filled == FIXED_HEADER) {
                        if ((fixed[0] & 0xff) != 0x1f || (fixed[1] & 0xff) != 0x8b || fixed[2] != 8) {
                            throw new IOException("not a gzip body: bad magic or method");
                        }
                        flags = fixed[3] & 0xff;
                        filled = 0;
                        remaining = 2;
                        part = (flags & FEXTRA) != 0 ? Part.EXTRA_LENGTH : afterExtra();
                    }
                }
                case EXTRA_LENGTH -> {
                    filled |= (src.get() & 0xff) << (8 * (2 - remaining));
                    if (--remaining == 0) {
                        remaining = filled;
                        filled = 0;
                        part = remaining == 0 ? afterExtra() : Part.EXTRA;
                    }
                }
                case EXTRA -> {
                    int skip = Math.min(remaining, src.remaining());
                    src.position(src.position() + skip);
                    remaining -= skip;
                    if (remaining == 0) {
                        part = afterExtra();
                    }
                }
                case NAME -> {
                    if (src.get() == 0) {
                        part = afterName();
                    }
                }
                case COMMENT -> {
                    if (src.get() == 0) {
                        part = afterComment();
                    }
                }
                case HEADER_CRC -> {
                    src.get();
                    if (--remaining == 0) {
                        part = Part.DATA;
                    }
                }
                case DATA -> inflate(src, out);
                case TRAILER -> {
                    trailer[filled++] = src.get();
                    if (filled == TRAILER) {
                        checkTrailer();
                        part = Part.DONE;
                    }
                }
                case DONE -> src.position(src.limit()); // bytes after the member: ignored, like OkHttp
            }
        }
    }

    /** Whether the whole member, trailer included, has been read. */
    boolean finished() {
        return part == Part.DONE;
    }

    private void inflate(ByteBuffer src, CappedBody out) throws IOException {
        inflater.setInput(src);
        try {
            while (true) {
                int count = inflater.inflate(chunk);
                if (count > 0) {
                    crc.update(chunk, 0, count);
                    inflated += count;
                    if (!out.append(chunk, 0, count)) {
                        throw new TooLarge();
                    }
                } else if (inflater.finished()) {
                    part = Part.TRAILER;
                    filled = 0;
                    return;
                } else if (inflater.needsInput()) {
                    return;
                } else if (inflater.needsDictionary()) {
                    throw new IOException("corrupt gzip body: deflate stream needs a dictionary");
                }
            }
        } catch (DataFormatException e) {
            throw new IOException("corrupt gzip body: " + e.getMessage(), e);
        }
    }

    private void checkTrailer() throws IOException {
        long expectedCrc = littleEndian(0);
        long expectedSize = littleEndian(4);
        if (expectedCrc != crc.getValue() || expectedSize != (inflated & 0xffffffffL)) {
            throw new IOException("corrupt gzip body: CRC or length does not match its trailer");
        }
    }

    private long littleEndian(int offset) {
        return (trailer[offset] & 0xffL) | (trailer[offset + 1] & 0xffL) << 8
                | (trailer[offset + 2] & 0xffL) << 16 | (trailer[offset + 3] & 0xffL) << 24;
    }

    private Part afterExtra() {
        return (flags & FNAME) != 0 ? Part.NAME : afterName();
    }

    private Part afterName() {
        return (flags & FCOMMENT) != 0 ? Part.COMMENT : afterComment();
    }

    private Part afterComment() {
        remaining = 2;
        return (flags & FHCRC) != 0 ? Part.HEADER_CRC : Part.DATA;
    }

    @Override
    public void close() {
        inflater.end();
    }
}
