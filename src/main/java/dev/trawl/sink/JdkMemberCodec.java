package dev.trawl.sink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * {@link MemberCodec} with the JDK alone: {@code java.util.zip}'s zlib at level {@value #GZIP_LEVEL} and
 * the JDK's SHA-1 (fast only once C2 compiles it with its intrinsic, which the launcher's C1-only JVM never
 * does). The parts go straight into the deflater, never joined. Not thread-safe.
 */
final class JdkMemberCodec implements MemberCodec {
    /**
     * jwarc's own gzip writer compresses at level 9, which cost a loopback crawl a third of its pages/s;
     * level 1 keeps HTML to about a quarter of its size at several times the speed. (Huffman-only coding
     * was measured no faster on HTML, and left files twice as large.)
     */
    static final int GZIP_LEVEL = 1;
    /** A gzip member's header: deflate, no flags, no time, unknown OS. Never handed out: arrays are mutable. */
    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    static final int GZIP_HEADER_BYTES = GZIP_HEADER.length;
    /** A gzip member's trailer: CRC-32 and ISIZE, four bytes each. */
    static final int GZIP_TRAILER_BYTES = 8;
    /** Room asked for a gzip member's header and trailer. */
    private static final int FRAMING_BYTES = GZIP_HEADER_BYTES + GZIP_TRAILER_BYTES;

    /** Puts a gzip member's header into {@code buffer}, which has room for {@link #GZIP_HEADER_BYTES} more. */
    static void putGzipHeader(ByteBuffer buffer) {
        buffer.put(GZIP_HEADER);
    }

    /**
     * Puts a gzip member's trailer into {@code buffer}, which has room for {@link #GZIP_TRAILER_BYTES} more: the
     * CRC-32 of the {@code size} bytes of content, and ISIZE, the size modulo 2^32, both little-endian.
     */
    static void putGzipTrailer(ByteBuffer buffer, CRC32 crc, long size) {
        putIntLittleEndian(buffer, (int) crc.getValue());
        putIntLittleEndian(buffer, (int) size);
    }

    private final Deflater deflater = new Deflater(GZIP_LEVEL, true);
    private final CRC32 crc = new CRC32();
    private final MessageDigest sha1;

    JdkMemberCodec() {
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }

    @Override
    public byte[] sha1(byte[] bytes) {
        return sha1.digest(bytes);
    }

    @Override
    public void member(Out out, byte[]... parts) throws IOException {
        crc.reset();
        deflater.reset();
        out.room(FRAMING_BYTES).put(GZIP_HEADER);
        long size = 0;
        for (byte[] part : parts) {
            if (part.length == 0) {
                continue;
            }
            crc.update(part);
            size += part.length;
            deflater.setInput(part);
            while (!deflater.needsInput()) {
                deflate(out);
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            deflate(out);
        }
        putGzipTrailer(out.room(GZIP_TRAILER_BYTES), crc, size);
    }

    /** Deflates what the deflater holds into the buffer's free space, keeping room for the trailer. */
    private void deflate(Out out) throws IOException {
        ByteBuffer buffer = out.room(FRAMING_BYTES + 1);
        int n = deflater.deflate(buffer.array(), buffer.arrayOffset() + buffer.position(),
                buffer.remaining() - FRAMING_BYTES);
        buffer.position(buffer.position() + n);
    }

    private static void putIntLittleEndian(ByteBuffer buffer, int value) {
        buffer.put((byte) value).put((byte) (value >>> 8)).put((byte) (value >>> 16)).put((byte) (value >>> 24));
    }

    @Override
    public String implementation() {
        return "java.util.zip, JDK SHA-1";
    }

    @Override
    public void close() {
        deflater.end();
    }
}
