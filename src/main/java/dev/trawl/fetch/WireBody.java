package dev.trawl.fetch;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A response body as it came off the wire, kept for a {@link WireExchange}: grown as its bytes arrive, but first
 * sized from the response's {@code Content-Length}, so that a body of the length announced is copied once and handed
 * over as it is ({@link #bytes()}), not copied again to fit.
 *
 * <p>It replaces okio segments shared with the body being read (which then could not go back to okio's pool, so
 * the next read took a freshly zeroed 8 KiB segment) and a last copy into an array. What that saves is small: in perf
 * profiles of WARC-writing crawls of the simulated web (~14 KB pages), the fetching threads' copying and zeroing
 * stayed ~3% of the crawl's CPU either way, mostly the parsed body's own.
 * Thread-safe, as {@link ByteArrayOutputStream} is.
 */
final class WireBody extends ByteArrayOutputStream {
    /** A {@code Content-Length} is the sender's word: no more than this is reserved on it before the bytes arrive. */
    static final int MOST_RESERVED = 1 << 20;

    WireBody() {
        super(0);
    }

    /** Sizes the buffer for a body of {@code contentLength} bytes (-1 if unknown), before any has arrived. */
    synchronized void expect(long contentLength) {
        if (count == 0 && contentLength > buf.length) {
            buf = new byte[(int) Math.min(contentLength, MOST_RESERVED)];
        }
    }

    /** Appends what {@code src} holds without consuming it. */
    synchronized void write(ByteBuffer src) {
        int length = src.remaining();
        if (src.hasArray()) {
            write(src.array(), src.arrayOffset() + src.position(), length);
        } else {
            ensure(length);
            src.duplicate().get(buf, count, length);
            count += length;
        }
    }

    private void ensure(int more) {
        if (count + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
        }
    }

    /**
     * The bytes so far: the buffer itself when they fill it exactly (a later write would grow it into a new array,
     * never write into the one returned), else a copy of the right length.
     */
    synchronized byte[] bytes() {
        return count == buf.length ? buf : Arrays.copyOf(buf, count);
    }
}
