package dev.trawl.sink;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link MemberCodec} in native code through the foreign function API (JDK 22+, compiled from
 * {@code src/main/java22}): gzip members by libdeflate (level 1 about three times zlib's speed on HTML, and
 * a smaller output), SHA-1 by libcrypto (OpenSSL's assembly, with the SHA extensions where the CPU has
 * them). The launcher's C1-only JVM has no SHA-1 intrinsic, so the JDK's digest runs as plain compiled
 * Java, several times slower. Either library may be missing: its half falls back to {@link JdkMemberCodec}.
 *
 * <p>The calls are "critical" ones given the Java arrays themselves (no copy to native memory, no GC during
 * the call; each lasts tens of microseconds for a page). A record's parts are joined once into a reused
 * array, since libdeflate compresses one contiguous input; its gzip member lands straight in the writer's
 * buffer. Not thread-safe.
 */
final class NativeMemberCodec implements MemberCodec {
    /** libdeflate's levels run 1 (fastest) to 12; its 1 compresses HTML about as well as zlib's 1 or better. */
    private static final int DEFLATE_LEVEL = 1;
    /** The joined parts of a record are kept for the next one up to this size; a larger record gets its own. */
    private static final int STAGING_KEPT = 1 << 20;
    private static final int SHA_CTX_BYTES = 128; // OpenSSL's SHA_CTX is 96 bytes
    private static final Linker.Option CRITICAL = Linker.Option.critical(true);

    private final Arena arena;
    /** The JDK's codec for the half whose library is missing; null when both are native. */
    private final JdkMemberCodec jdk;
    // libdeflate, or null when it is missing
    private final MemorySegment compressor;
    private final MethodHandle gzipBound;
    private final MethodHandle gzipCompress;
    private final MethodHandle freeCompressor;
    // libcrypto, or null when it is missing
    private final MemorySegment shaContext;
    private final MethodHandle shaInit;
    private final MethodHandle shaUpdate;
    private final MethodHandle shaFinal;
    private byte[] staging = new byte[64 * 1024];
    private boolean closed;

    private NativeMemberCodec(Arena arena, Optional<SymbolLookup> deflate, Optional<SymbolLookup> crypto)
            throws Throwable {
        this.arena = arena;
        Linker linker = Linker.nativeLinker();
        MemorySegment made = null;
        MethodHandle bound = null;
        MethodHandle compress = null;
        MethodHandle free = null;
        if (deflate.isPresent()) {
            try {
                SymbolLookup lib = deflate.get();
                MethodHandle alloc = linker.downcallHandle(symbol(lib, "libdeflate_alloc_compressor"),
                        FunctionDescriptor.of(ADDRESS, JAVA_INT));
                bound = linker.downcallHandle(symbol(lib, "libdeflate_gzip_compress_bound"),
                        FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG));
                compress = linker.downcallHandle(symbol(lib, "libdeflate_gzip_compress"),
                        FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG), CRITICAL);
                free = linker.downcallHandle(symbol(lib, "libdeflate_free_compressor"),
                        FunctionDescriptor.ofVoid(ADDRESS));
                made = (MemorySegment) alloc.invokeExact(DEFLATE_LEVEL);
            } catch (IllegalArgumentException e) { // a libdeflate without these symbols: this half is the JDK's
                made = null;
            }
            if (MemorySegment.NULL.equals(made)) {
                made = null;
            }
        }
        compressor = made;
        gzipBound = bound;
        gzipCompress = compress;
        freeCompressor = free;
        MethodHandle init = null;
        MethodHandle update = null;
        MethodHandle finish = null;
        if (crypto.isPresent()) {
            try {
                SymbolLookup lib = crypto.get();
                init = linker.downcallHandle(symbol(lib, "SHA1_Init"), FunctionDescriptor.of(JAVA_INT, ADDRESS));
                update = linker.downcallHandle(symbol(lib, "SHA1_Update"),
                        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG), CRITICAL);
                finish = linker.downcallHandle(symbol(lib, "SHA1_Final"),
                        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS), CRITICAL);
            } catch (IllegalArgumentException e) { // a libcrypto built without the SHA1_* calls: the JDK's digest
                init = null;
            }
        }
        shaInit = init;
        shaUpdate = init == null ? null : update;
        shaFinal = init == null ? null : finish;
        shaContext = init == null ? null : arena.allocate(SHA_CTX_BYTES, 16);
        jdk = compressor == null || shaContext == null ? new JdkMemberCodec() : null;
    }

    /**
     * The native codec if this 64-bit machine has libdeflate or libcrypto (called by name from
     * {@link MemberCodec#best()}); empty when it has neither, or refuses native access.
     */
    static Optional<MemberCodec> open() {
        if (ADDRESS.byteSize() != 8) {
            return Optional.empty();
        }
        Arena arena = Arena.ofShared();
        try {
            Optional<SymbolLookup> deflate = library(arena, "libdeflate.so.0", "libdeflate.so", "libdeflate.0.dylib");
            Optional<SymbolLookup> crypto = library(arena, "libcrypto.so.3", "libcrypto.so.1.1", "libcrypto.3.dylib");
            if (deflate.isEmpty() && crypto.isEmpty()) {
                arena.close();
                return Optional.empty();
            }
            NativeMemberCodec codec = new NativeMemberCodec(arena, deflate, crypto);
            if (codec.compressor == null && codec.shaContext == null) {
                codec.close();
                return Optional.empty();
            }
            return Optional.of(codec);
        } catch (Throwable e) { // a library without the symbols, or native access refused: the JDK's code
            arena.close();
            return Optional.empty();
        }
    }

    private static MemorySegment symbol(SymbolLookup lib, String name) {
        return lib.find(name).orElseThrow(() -> new IllegalArgumentException("no symbol " + name));
    }

    private static Optional<SymbolLookup> library(Arena arena, String... names) {
        for (String name : names) {
            try {
                return Optional.of(SymbolLookup.libraryLookup(name, arena));
            } catch (IllegalArgumentException notFound) {
                // try the next name
            }
        }
        return Optional.empty();
    }

    @Override
    public byte[] sha1(byte[] bytes) {
        if (shaContext == null) {
            return jdk.sha1(bytes);
        }
        byte[] digest = new byte[20];
        try {
            int ok = (int) shaInit.invokeExact(shaContext);
            ok &= (int) shaUpdate.invokeExact(shaContext, MemorySegment.ofArray(bytes), (long) bytes.length);
            ok &= (int) shaFinal.invokeExact(MemorySegment.ofArray(digest), shaContext);
            if (ok != 1) {
                throw new IllegalStateException("libcrypto's SHA-1 failed");
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        return digest;
    }

    @Override
    public void member(Out out, byte[]... parts) throws IOException {
        if (compressor == null) {
            jdk.member(out, parts);
            return;
        }
        long length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
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
            long bound = (long) gzipBound.invokeExact(compressor, length);
            ByteBuffer buffer = out.room(Math.toIntExact(bound));
            MemorySegment to = MemorySegment.ofArray(buffer.array())
                    .asSlice(buffer.arrayOffset() + buffer.position(), buffer.remaining());
            long written = (long) gzipCompress.invokeExact(compressor, MemorySegment.ofArray(in), length, to,
                    (long) buffer.remaining());
            if (written <= 0) {
                throw new IllegalStateException("libdeflate wrote no member for " + length + " bytes");
            }
            buffer.position(buffer.position() + (int) written);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String implementation() {
        List<String> parts = new ArrayList<>(2);
        parts.add(compressor != null ? "libdeflate" : "java.util.zip");
        parts.add(shaContext != null ? "libcrypto SHA-1" : "JDK SHA-1");
        return String.join(", ", parts);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (jdk != null) {
            jdk.close();
        }
        if (compressor != null) {
            try {
                freeCompressor.invokeExact(compressor);
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
        arena.close();
    }
}
