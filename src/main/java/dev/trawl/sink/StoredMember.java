package dev.trawl.sink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * A gzip member whose content is stored, not compressed (RFC 1951's stored blocks, each up to 65,535
 * bytes): a valid member every gzip reader takes, for content that deflate would not shrink or not repay.
 * Costs a CRC-32 and a copy, where even libdeflate's fastest level costs a fixed ~6 us a member (it clears a
 * 128 KB hash table) and ~5 ns a byte. Not thread-safe: one per writer.
 */
final class StoredMember {
    private static final int MAX_BLOCK = 65_535;
    /** A stored block's header: the final-block bit and type 00 in one byte, then LEN and its complement. */
    private static final int BLOCK_HEADER = 5;

    private final CRC32 crc = new CRC32();

    /** Appends to {@code out} one gzip member whose content is the parts, one after the other, stored. */
    void write(MemberCodec.Out out, byte[]... parts) throws IOException {
        long total = 0;
        for (byte[] part : parts) {
            total += part.length;
        }
        crc.reset();
        JdkMemberCodec.putGzipHeader(out.room(JdkMemberCodec.GZIP_HEADER_BYTES));
        long left = total;
        int part = 0;
        int at = 0;
        do {
            int block = (int) Math.min(left, MAX_BLOCK);
            ByteBuffer buffer = out.room(BLOCK_HEADER + block);
            buffer.put((byte) (left == block ? 1 : 0))
                    .put((byte) block).put((byte) (block >>> 8))
                    .put((byte) ~block).put((byte) (~block >>> 8));
            for (int need = block; need > 0; ) {
                byte[] bytes = parts[part];
                int n = Math.min(need, bytes.length - at);
                buffer.put(bytes, at, n);
                crc.update(bytes, at, n);
                at += n;
                need -= n;
                if (at == bytes.length) {
                    part++;
                    at = 0;
                }
            }
            left -= block;
        } while (left > 0);
        JdkMemberCodec.putGzipTrailer(out.room(JdkMemberCodec.GZIP_TRAILER_BYTES), crc, total);
    }
}
