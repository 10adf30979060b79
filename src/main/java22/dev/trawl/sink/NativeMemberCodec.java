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

    /** libdeflate's names, most specific first; {@link #open(List, List)} takes others in tests. */
    private static final List<String> DEFLATE_NAMES = List.of("libdeflate.so.0", "libdeflate.so", "libdeflate.0.dylib");
    private static final List<String> CRYPTO_NAMES = List.of("libcrypto.so.3", "libcrypto.so.1.1", "libcrypto.3.dylib");

    /** libdeflate's gzip calls and the compressor they use. */
    private record Deflate(MemorySegment compressor, MethodHandle bound, MethodHandle compress, MethodHandle free) {}

    /** libcrypto's SHA-1 calls and the context they use. */
    private record Sha(MemorySegment context, MethodHandle init, MethodHandle update, MethodHandle finish) {}

    private final Arena arena;
    /** The JDK's codec for the half whose library is missing; null when both are native. */
    private final JdkMemberCodec jdk;
    /** libdeflate, or null when it is missing (then {@link #jdk} makes the members). */
    private final Deflate deflate;
    /** libcrypto, or null when it is missing (then {@link #jdk} makes the digests). */
    private final Sha sha;
    private byte[] staging = new byte[64 * 1024];
    private boolean closed;

    private NativeMemberCodec(Arena arena, Optional<Deflate> deflate, Optional<Sha> sha) {
        this.arena = arena;
        this.deflate = deflate.orElse(null);
        this.sha = sha.orElse(null);
        this.jdk = deflate.isEmpty() || sha.isEmpty() ? new JdkMemberCodec() : null;
    }

    /**
     * libdeflate's calls, all found and a compressor made, or empty: a library without one of the symbols
     * (or out of memory) leaves nothing half set.
     */
    private static Optional<Deflate> deflate(Linker linker, SymbolLookup lib) throws Throwable {
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
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG), CRITICAL);
        MemorySegment compressor = (MemorySegment) linker.downcallHandle(alloc.get(),
                FunctionDescriptor.of(ADDRESS, JAVA_INT)).invokeExact(DEFLATE_LEVEL);
        if (MemorySegment.NULL.equals(compressor)) {
            return Optional.empty();
        }
        return Optional.of(new Deflate(compressor, boundHandle, compressHandle, freeHandle));
    }

    /** libcrypto's SHA-1 calls, all found, with a context in {@code arena}; or empty, nothing half set. */
    private static Optional<Sha> sha(Linker linker, SymbolLookup lib, Arena arena) {
        Optional<MemorySegment> init = lib.find("SHA1_Init");
        Optional<MemorySegment> update = lib.find("SHA1_Update");
        Optional<MemorySegment> finish = lib.find("SHA1_Final");
        if (init.isEmpty() || update.isEmpty() || finish.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Sha(arena.allocate(SHA_CTX_BYTES, 16),
                linker.downcallHandle(init.get(), FunctionDescriptor.of(JAVA_INT, ADDRESS)),
                linker.downcallHandle(update.get(), FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG), CRITICAL),
                linker.downcallHandle(finish.get(), FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS), CRITICAL)));
    }

    /**
     * The native codec if this 64-bit machine has libdeflate or libcrypto (called by name from
     * {@link MemberCodec#best()}); empty when it has neither, or refuses native access.
     */
    static Optional<MemberCodec> open() {
        return open(DEFLATE_NAMES, CRYPTO_NAMES);
    }

    /**
     * As {@link #open()}, looking for libdeflate and libcrypto under the given names (the first that loads):
     * tests give a missing name, or another library's, to take the JDK's half.
     */
    static Optional<MemberCodec> open(List<String> deflateNames, List<String> cryptoNames) {
        if (ADDRESS.byteSize() != 8) {
            return Optional.empty();
        }
        Arena arena = Arena.ofShared();
        Optional<Deflate> deflate = Optional.empty();
        try {
            Linker linker = Linker.nativeLinker();
            Optional<SymbolLookup> deflateLib = library(arena, deflateNames);
            Optional<SymbolLookup> cryptoLib = library(arena, cryptoNames);
            deflate = deflateLib.isPresent() ? deflate(linker, deflateLib.get()) : Optional.empty();
            Optional<Sha> sha = cryptoLib.isPresent() ? sha(linker, cryptoLib.get(), arena) : Optional.empty();
            if (deflate.isEmpty() && sha.isEmpty()) {
                arena.close();
                return Optional.empty();
            }
            return Optional.of(new NativeMemberCodec(arena, deflate, sha));
        } catch (Throwable e) { // native access refused, or a library that will not link: the JDK's code
            deflate.ifPresent(NativeMemberCodec::free);
            arena.close();
            return Optional.empty();
        }
    }

    private static void free(Deflate deflate) {
        try {
            deflate.free().invokeExact(deflate.compressor());
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<SymbolLookup> library(Arena arena, List<String> names) {
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
        if (sha == null) {
            return jdk.sha1(bytes);
        }
        byte[] digest = new byte[20];
        try {
            int ok = (int) sha.init().invokeExact(sha.context());
            ok &= (int) sha.update().invokeExact(sha.context(), MemorySegment.ofArray(bytes), (long) bytes.length);
            ok &= (int) sha.finish().invokeExact(MemorySegment.ofArray(digest), sha.context());
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
        if (deflate == null) {
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
            long bound = (long) deflate.bound().invokeExact(deflate.compressor(), length);
            ByteBuffer buffer = out.room(Math.toIntExact(bound));
            MemorySegment to = MemorySegment.ofArray(buffer.array())
                    .asSlice(buffer.arrayOffset() + buffer.position(), buffer.remaining());
            long written = (long) deflate.compress().invokeExact(deflate.compressor(), MemorySegment.ofArray(in), length, to,
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
        parts.add(deflate != null ? "libdeflate" : "java.util.zip");
        parts.add(sha != null ? "libcrypto SHA-1" : "JDK SHA-1");
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
        if (deflate != null) {
            free(deflate);
        }
        arena.close();
    }
}
