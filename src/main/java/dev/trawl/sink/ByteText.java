package dev.trawl.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Text built straight into bytes, for the WARC writer's headers (Latin-1) and index lines (UTF-8): the same
 * bytes a {@code StringBuilder} made into a {@code String} and then encoded gave, without the two copies and the
 * encoder's pass between them, which were most of what a record's header cost. Reused record after record
 * ({@link #clear}). Not thread-safe.
 */
final class ByteText {
    private byte[] bytes;
    private int length;

    ByteText(int capacity) {
        bytes = new byte[capacity];
    }

    void clear() {
        length = 0;
    }

    int length() {
        return length;
    }

    ByteText append(byte[] text) {
        room(text.length);
        System.arraycopy(text, 0, bytes, length, text.length);
        length += text.length;
        return this;
    }

    /** {@code text} from index {@code from} on. */
    ByteText append(byte[] text, int from) {
        int n = text.length - from;
        room(n);
        System.arraycopy(text, from, bytes, length, n);
        length += n;
        return this;
    }

    /** One ASCII character. */
    ByteText append(char c) {
        room(1);
        bytes[length++] = (byte) c;
        return this;
    }

    /** A decimal number, as {@link Long#toString(long)} writes it. */
    ByteText append(long n) {
        if (n < 0) {
            if (n == Long.MIN_VALUE) {
                return append(Long.toString(n).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
            append('-');
            n = -n;
        }
        int digits = 1;
        for (long rest = n / 10; rest > 0; rest /= 10) {
            digits++;
        }
        room(digits);
        for (int at = length + digits - 1; at >= length; at--) {
            bytes[at] = (byte) ('0' + n % 10);
            n /= 10;
        }
        length += digits;
        return this;
    }

    /** The text so far, as a new array. */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
    }

    /** Makes room for {@code more} bytes. */
    private void room(int more) {
        if (bytes.length - length < more) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
