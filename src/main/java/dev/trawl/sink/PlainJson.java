package dev.trawl.sink;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Text that a JSON string holds as it is, a byte a character: printable ASCII (0x20 to 0x7e) without a quote or a
 * backslash. The writers copy such text's bytes straight into their output, SQLite's links array and the CDXJ
 * index's values (nearly always crawled URLs, which the normalizer percent-encodes to just this), and send anything
 * else through Jackson's escaping, which would have left plain text as it is: the same bytes either way. The one
 * test of it, for both. Stateless.
 */
final class PlainJson {
    /** A byte array read eight bytes at a time, and the masks of {@link #mayNeedALook}. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private PlainJson() {}

    /** Whether {@code text} is plain: a JSON string holds it as it is, and its UTF-8 bytes are its Latin-1 ones. */
    static boolean isPlain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether JSON holds {@code text} in quotes as {@code latin1}, its ISO-8859-1 bytes, are: printable ASCII, no
     * quote, no backslash. A char beyond Latin-1 was encoded as {@code ?} (a surrogate pair as one), so a
     * {@code ?} byte is checked against the text; Latin-1's upper half is negative as a byte.
     *
     * <p>Eight bytes at a time ({@link #mayNeedALook}), byte by byte only in a word that may hold one of those: for
     * SQLite's links array, the byte loop alone was a fifth of that writer's CPU in a perf profile of an all-four
     * crawl of the real site (~80 links a page, ~100 bytes each), and over that crawl's 770,542 links (78 MB; one
     * JVM, C1 as the launcher runs it) this check took ~55 ms of CPU where the byte loop took ~115.
     */
    static boolean isPlain(String text, byte[] latin1) {
        if (latin1.length != text.length()) {
            return false;
        }
        int i = 0;
        for (; i + Long.BYTES <= latin1.length; i += Long.BYTES) {
            if (mayNeedALook((long) LONGS.get(latin1, i)) && !isPlain(text, latin1, i, i + Long.BYTES)) {
                return false;
            }
        }
        return isPlain(text, latin1, i, latin1.length);
    }

    /** {@link #isPlain(String, byte[])} of the bytes {@code from} to {@code to}, one at a time. */
    private static boolean isPlain(String text, byte[] latin1, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = latin1[i];
            if (b < 0x20 || b == '"' || b == '\\' || b == 0x7f || b == '?' && text.charAt(i) != '?') {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the eight bytes of {@code word} may hold one at or over 0x7f, under 0x20, or a quote, backslash or
     * {@code ?}: never false when one does; sometimes true when none does (a borrow from a byte that is one runs
     * into the next), which the byte loop then settles.
     */
    private static boolean mayNeedALook(long word) {
        return ((word & HIGHS) | below(word, 0x20) | zero(word ^ (0x7f * ONES)) | zero(word ^ ('"' * ONES))
                | zero(word ^ ('\\' * ONES)) | zero(word ^ ('?' * ONES))) != 0;
    }

    /** The high bit set in each byte under {@code n} (n at most 0x80), and maybe in some above such a byte. */
    private static long below(long word, int n) {
        return (word - n * ONES) & ~word & HIGHS;
    }

    /** The high bit set in each zero byte, and maybe in some above such a byte. */
    private static long zero(long word) {
        return below(word, 1);
    }
}
