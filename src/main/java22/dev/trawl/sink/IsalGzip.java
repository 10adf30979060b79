package dev.trawl.sink;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Gzip members by Intel ISA-L's igzip at level 0 ({@code isal_deflate_stateless}, gzip framing and CRC-32 by
 * the library), preferred over libdeflate: on 88 MB of the real site's HTML, {@code igzip -1} took ~0.13 s of
 * CPU where libdeflate's level 1 took 0.28 s, and deflate was about 60% of the WARC writer's thread (~110 of
 * ~190 ticks per 10,000 pages).
 *
 * <p>Level 0, not 1: level 0 codes with ISA-L's fixed, generic Huffman tables and its hash table lives in the
 * stream, where level 1 counts each block's symbols and builds its own tables (those alone ~8% of the writer's
 * thread in a perf profile of an all-four crawl of the real site). On 1,000 of the real site's
 * pages (29 MB, one JVM, interleaved, C1 as the launcher runs it) a member took 57-73 ms of CPU at level 0
 * against 68-98 ms at level 1 (about a fifth less in each of 8 rounds), and the members were 20.0% of the
 * HTML's size against 18.2%. In all-four crawls of the real site's 10,000 fixed pages (three interleaved pairs)
 * the WARC writer's thread took 125-139 ticks of 10 ms against 138-159, and the {@code .warc.gz} was 70.0 MB
 * against 65.4 (+7%: records stored already compressed, and small ones, are the same either way).
 *
 * <p>The library reads its input and writes its output through pointers held in a struct, so unlike
 * libdeflate it cannot be handed the Java arrays: a record's parts are copied into native memory, and the
 * member back into the writer's buffer (two copies at memory speed, against a deflate several times slower).
 * The struct's offsets are those of ISA-L 2.30's {@code include/isa-l/igzip_lib.h} on a 64-bit machine (checked
 * with {@code offsetof}); the ABI is fixed within major version 2 ({@code libisal.so.2}, {@code libisal.2.dylib}),
 * the only names looked for. Not thread-safe.
 */
final class IsalGzip implements NativeGzip {
    // struct isal_zstream (igzip_lib.h, LP64): the fields set before each call and the one read after
    private static final long NEXT_IN = 0;        // uint8_t *next_in
    private static final long AVAIL_IN = 8;       // uint32_t avail_in
    private static final long NEXT_OUT = 16;      // uint8_t *next_out
    private static final long AVAIL_OUT = 24;     // uint32_t avail_out
    private static final long TOTAL_OUT = 28;     // uint32_t total_out
    private static final long LEVEL = 40;         // uint32_t level
    private static final long LEVEL_BUF_SIZE = 44; // uint32_t level_buf_size
    private static final long LEVEL_BUF = 48;     // uint8_t *level_buf
    private static final long END_OF_STREAM = 56; // uint16_t end_of_stream
    private static final long GZIP_FLAG = 60;     // uint16_t gzip_flag
    /** sizeof(struct isal_zstream): 64 bytes of fields, then the 82,320-byte internal state. */
    private static final long STREAM_BYTES = 82_384;
    private static final long STREAM_SLACK = 64 * 1024;
    /** Level 0 needs no work buffer: igzip_lib.h's ISAL_DEF_LVL0_DEFAULT is ISAL_DEF_LVL0_REQ, 0 bytes. */
    private static final int DEFLATE_LEVEL = 0;
    private static final short IGZIP_GZIP = 1;
    private static final int COMP_OK = 0;
    /** Stored blocks hold at most 65,535 bytes, behind a 5-byte header; a gzip header and trailer add 18. */
    private static final int STORED_BLOCK = 65_535;
    /**
     * The parts' and the member's native copies are kept for the next record up to this size, grown by doubling;
     * a larger record gets copies of its own, freed as soon as its member is made.
     */
    private static final long STAGING_KEPT = 1 << 20;

    private final MemorySegment stream;
    private final MethodHandle init;
    private final MethodHandle compress;
    private MemorySegment in;
    private MemorySegment member;

    private IsalGzip(MemorySegment stream, MethodHandle init, MethodHandle compress) {
        this.stream = stream;
        this.init = init;
        this.compress = compress;
        this.in = Arena.ofAuto().allocate(64 * 1024, 64);
        this.member = Arena.ofAuto().allocate(most(in.byteSize()), 64);
    }

    /** ISA-L's stateless calls, both found, with the stream in {@code arena}; or empty. */
    static Optional<NativeGzip> open(Linker linker, SymbolLookup lib, Arena arena) {
        Optional<MemorySegment> init = lib.find("isal_deflate_stateless_init");
        Optional<MemorySegment> compress = lib.find("isal_deflate_stateless");
        if (init.isEmpty() || compress.isEmpty()) {
            return Optional.empty();
        }
        // Not a "critical" call: those hold off every safepoint, so a GC would wait out the deflate of a record of
        // megabytes; an ordinary downcall costs tens of nanoseconds more. The stream gets room to spare past the
        // 2.30 struct's size, in case another build of libisal.so.2 keeps a larger internal state.
        return Optional.of(new IsalGzip(arena.allocate(STREAM_BYTES + STREAM_SLACK, 64),
                linker.downcallHandle(init.get(), FunctionDescriptor.ofVoid(ADDRESS)),
                linker.downcallHandle(compress.get(), FunctionDescriptor.of(JAVA_INT, ADDRESS))));
    }

    /**
     * The most a member of {@code length} bytes can take: stored blocks, which {@code isal_deflate_stateless}
     * falls back to when the compressed member would not fit, plus some room to spare.
     */
    private static long most(long length) {
        return length + 5 * (length / STORED_BLOCK + 1) + JdkMemberCodec.GZIP_HEADER_BYTES
                + JdkMemberCodec.GZIP_TRAILER_BYTES + 64;
    }

    @Override
    public void member(MemberCodec.Out out, byte[]... parts) throws IOException {
        long length = NativeGzip.length(parts);
        if (length > STAGING_KEPT) {
            // buffers of its own, freed when the member is made: left to the garbage collector, a run of large
            // records would hold megabytes of native memory each until a GC happened to come
            try (Arena call = Arena.ofConfined()) {
                deflate(out, parts, length, call.allocate(length, 64), call.allocate(most(length), 64));
            }
            return;
        }
        if (length > in.byteSize()) {
            long size = Math.min(STAGING_KEPT, Math.max(length, 2 * in.byteSize()));
            in = Arena.ofAuto().allocate(size, 64);
            member = Arena.ofAuto().allocate(most(size), 64);
        }
        deflate(out, parts, length, in, member);
    }

    /**
     * Copies the parts into {@code from}, deflates them into {@code to} and appends the member to {@code out}.
     * Both segments must stay allocated until this returns (the struct holds only their addresses, which keep
     * nothing alive), so they are the codec's fields or a caller's open arena's, never a local left to the GC.
     */
    private void deflate(MemberCodec.Out out, byte[][] parts, long length, MemorySegment from, MemorySegment to)
            throws IOException {
        long at = 0;
        for (byte[] part : parts) {
            MemorySegment.copy(part, 0, from, JAVA_BYTE, at, part.length);
            at += part.length;
        }
        int written;
        try {
            init.invokeExact(stream);
            stream.set(ADDRESS, NEXT_IN, from);
            stream.set(JAVA_INT, AVAIL_IN, Math.toIntExact(length));
            stream.set(ADDRESS, NEXT_OUT, to);
            stream.set(JAVA_INT, AVAIL_OUT, Math.toIntExact(most(length)));
            // 2.30's init already leaves level 0 and no level buffer: set anyway, so the member says what it asks for
            stream.set(JAVA_INT, LEVEL, DEFLATE_LEVEL);
            stream.set(JAVA_INT, LEVEL_BUF_SIZE, 0);
            stream.set(ADDRESS, LEVEL_BUF, MemorySegment.NULL);
            stream.set(JAVA_SHORT, END_OF_STREAM, (short) 1);
            stream.set(JAVA_SHORT, GZIP_FLAG, IGZIP_GZIP);
            int status = (int) compress.invokeExact(stream);
            if (status != COMP_OK) {
                throw new IllegalStateException("ISA-L's igzip failed (" + status + ") on " + length + " bytes");
            }
            written = stream.get(JAVA_INT, TOTAL_OUT);
        } catch (Throwable e) {
            throw NativeGzip.rethrow(e);
        }
        ByteBuffer buffer = out.room(written);
        MemorySegment.copy(to, JAVA_BYTE, 0, buffer.array(), buffer.arrayOffset() + buffer.position(), written);
        buffer.position(buffer.position() + written);
    }

    @Override
    public String name() {
        return "ISA-L igzip";
    }

    @Override
    public void free() {
        // the stream is the codec's arena's, the copies the garbage collector's
    }
}
