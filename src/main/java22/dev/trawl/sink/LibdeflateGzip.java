package dev.trawl.sink;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Gzip members by libdeflate at level 1 (about three times zlib's speed on HTML, and a smaller output), the
 * fallback when ISA-L is missing. The calls are "critical" ones given the Java arrays themselves (no copy to
 * native memory, no GC during the call). A record's parts are joined once into a reused array, since
 * libdeflate compresses one contiguous input; its member lands straight in the writer's buffer. Not
 * thread-safe.
 */
final class LibdeflateGzip implements NativeGzip {
    /** libdeflate's levels run 1 (fastest) to 12; its 1 compresses HTML about as well as zlib's 1 or better. */
    private static final int LEVEL = 1;
    /** The joined parts of a record are kept for the next one up to this size; a larger record gets its own. */
    private static final int STAGING_KEPT = 1 << 20;

    private final MemorySegment compressor;
    private final MethodHandle bound;
    private final MethodHandle compress;
    private final MethodHandle free;
    private byte[] staging = new byte[64 * 1024];

    private LibdeflateGzip(MemorySegment compressor, MethodHandle bound, MethodHandle compress, MethodHandle free) {
        this.compressor = compressor;
        this.bound = bound;
        this.compress = compress;
        this.free = free;
    }

    /** libdeflate's calls, all found and a compressor made, or empty: nothing half set. */
    static Optional<NativeGzip> open(Linker linker, SymbolLookup lib) throws Throwable {
        Optional<MemorySegment> alloc = lib.find("libdeflate_alloc_compressor");
        Optional<MemorySegment> bound = lib.find("libdeflate_gzip_compress_bound");
        Optional<MemorySegment> compress = lib.find("libdeflate_gzip_compress");
        Optional<MemorySegment> free = lib.find("libdeflate_free_compressor");
        if (alloc.isEmpty() || bound.isEmpty() || compress.isEmpty() || free.isEmpty()) {
            return Optional.empty();
        }
        MethodHandle freeHandle = linker.downcallHandle(free.get(), FunctionDescriptor.ofVoid(ADDRESS));
        MethodHandle boundHandle = linker.downcallHandle(bound.get(), FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG));
        MethodHandle compressHandle = linker.downcallHandle(compress.get(),
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG),
                Linker.Option.critical(true));
        MemorySegment compressor = (MemorySegment) linker.downcallHandle(alloc.get(),
                FunctionDescriptor.of(ADDRESS, JAVA_INT)).invokeExact(LEVEL);
        if (MemorySegment.NULL.equals(compressor)) {
            return Optional.empty();
        }
        return Optional.of(new LibdeflateGzip(compressor, boundHandle, compressHandle, freeHandle));
    }

    @Override
    public void member(MemberCodec.Out out, byte[]... parts) throws IOException {
        long length = NativeGzip.length(parts);
        byte[] in = length <= staging.length ? staging : new byte[Math.toIntExact(length)];
        if (in != staging && length <= STAGING_KEPT) {
            staging = in;
        }
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, in, at, part.length);
            at += part.length;
        }
        try {
            long most = (long) bound.invokeExact(compressor, length);
            ByteBuffer buffer = out.room(Math.toIntExact(most));
            MemorySegment to = MemorySegment.ofArray(buffer.array())
                    .asSlice(buffer.arrayOffset() + buffer.position(), buffer.remaining());
            long written = (long) compress.invokeExact(compressor, MemorySegment.ofArray(in), length, to,
                    (long) buffer.remaining());
            if (written <= 0) {
                throw new IllegalStateException("libdeflate wrote no member for " + length + " bytes");
            }
            buffer.position(buffer.position() + (int) written);
        } catch (Throwable e) {
            throw NativeGzip.rethrow(e);
        }
    }

    @Override
    public String name() {
        return "libdeflate";
    }

    @Override
    public void free() {
        try {
            free.invokeExact(compressor);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
