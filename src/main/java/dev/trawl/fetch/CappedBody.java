package dev.trawl.fetch;

import java.util.Arrays;

/**
 * A response body collected as it arrives, refusing to grow past a cap. Not thread-safe: one I/O
 * thread at a time writes it (the reactor hands a connection's bytes to one thread).
 */
final class CappedBody {
    private static final int INITIAL = 8 * 1024;

    private final long cap;
    private byte[] bytes;
    private int size;

    CappedBody(long cap, long expectedLength) {
        this.cap = cap;
        long hint = expectedLength > 0 ? Math.min(expectedLength, cap) : INITIAL;
        this.bytes = new byte[(int) Math.min(hint, Math.min(cap, Integer.MAX_VALUE - 8))];
    }

    /** Appends {@code length} bytes; false, appending nothing, if that would pass the cap. */
    boolean append(byte[] source, int offset, int length) {
        if (size + (long) length > cap) {
            return false;
        }
        if (size + length > bytes.length) {
            long grown = Math.max((long) bytes.length * 2, size + (long) length);
            bytes = Arrays.copyOf(bytes, (int) Math.min(grown, Math.min(cap, Integer.MAX_VALUE - 8)));
        }
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
        return true;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }
}
