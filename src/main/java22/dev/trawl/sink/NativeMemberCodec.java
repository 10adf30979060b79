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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link MemberCodec} in native code through the foreign function API (JDK 22+, compiled from
 * {@code src/main/java22}): gzip members by Intel ISA-L's igzip where it is installed ({@link IsalGzip}: about
 * twice libdeflate's speed on the real site's HTML), else by libdeflate ({@link LibdeflateGzip}); SHA-1 by
 * libcrypto (OpenSSL's assembly, with the SHA extensions where the CPU has them). The launcher's C1-only JVM
 * has no SHA-1 intrinsic, so the JDK's digest runs as plain compiled Java, several times slower. Any library
 * may be missing: its half falls back to the next, the last to {@link JdkMemberCodec}.
 *
 * <p>The SHA-1 calls are "critical" ones given the Java arrays themselves (no copy to native memory, no GC
 * during the call; each lasts tens of microseconds for a page). Not thread-safe.
 */
final class NativeMemberCodec implements MemberCodec {
    private static final int SHA_CTX_BYTES = 128; // OpenSSL's SHA_CTX is 96 bytes
    private static final Linker.Option CRITICAL = Linker.Option.critical(true);

    /** The libraries' names, most specific first; {@link #open(List, List, List)} takes others in tests. */
    private static final List<String> ISAL_NAMES = List.of("libisal.so.2", "libisal.2.dylib");
    private static final List<String> DEFLATE_NAMES = List.of("libdeflate.so.0", "libdeflate.so", "libdeflate.0.dylib");
    private static final List<String> CRYPTO_NAMES = List.of("libcrypto.so.3", "libcrypto.so.1.1", "libcrypto.3.dylib");

    /** libcrypto's SHA-1 calls and the context they use. */
    private record Sha(MemorySegment context, MethodHandle init, MethodHandle update, MethodHandle finish) {}

    private final Arena arena;
    /** The JDK's codec for the half whose library is missing; null when both are native. */
    private final JdkMemberCodec jdk;
    /** ISA-L or libdeflate, or null when both are missing (then {@link #jdk} makes the members). */
    private final NativeGzip gzip;
    /** libcrypto, or null when it is missing (then {@link #jdk} makes the digests). */
    private final Sha sha;
    private boolean closed;

    private NativeMemberCodec(Arena arena, Optional<NativeGzip> gzip, Optional<Sha> sha) {
        this.arena = arena;
        this.gzip = gzip.orElse(null);
        this.sha = sha.orElse(null);
        this.jdk = gzip.isEmpty() || sha.isEmpty() ? new JdkMemberCodec() : null;
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
     * The native codec if this 64-bit machine has ISA-L, libdeflate or libcrypto (called by name from
     * {@link MemberCodec#best()}); empty when it has none, or refuses native access.
     */
    static Optional<MemberCodec> open() {
        return open(ISAL_NAMES, DEFLATE_NAMES, CRYPTO_NAMES);
    }

    /**
     * As {@link #open()}, looking for ISA-L, libdeflate and libcrypto under the given names (the first that
     * loads): tests give a missing name, or another library's, to take the next library or the JDK's half.
     */
    static Optional<MemberCodec> open(List<String> isalNames, List<String> deflateNames, List<String> cryptoNames) {
        if (ADDRESS.byteSize() != 8) {
            return Optional.empty();
        }
        Arena arena = Arena.ofShared();
        Optional<NativeGzip> gzip = Optional.empty();
        try {
            Linker linker = Linker.nativeLinker();
            Optional<SymbolLookup> isalLib = NativeGzip.library(arena, isalNames);
            gzip = isalLib.isPresent() ? IsalGzip.open(linker, isalLib.get(), arena) : Optional.empty();
            if (gzip.isEmpty()) {
                Optional<SymbolLookup> deflateLib = NativeGzip.library(arena, deflateNames);
                gzip = deflateLib.isPresent() ? LibdeflateGzip.open(linker, deflateLib.get()) : Optional.empty();
            }
            Optional<SymbolLookup> cryptoLib = NativeGzip.library(arena, cryptoNames);
            Optional<Sha> sha = cryptoLib.isPresent() ? sha(linker, cryptoLib.get(), arena) : Optional.empty();
            if (gzip.isEmpty() && sha.isEmpty()) {
                arena.close();
                return Optional.empty();
            }
            return Optional.of(new NativeMemberCodec(arena, gzip, sha));
        } catch (Throwable e) { // native access refused, or a library that will not link: the JDK's code
            gzip.ifPresent(NativeGzip::free);
            arena.close();
            return Optional.empty();
        }
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
        if (gzip == null) {
            jdk.member(out, parts);
        } else {
            gzip.member(out, parts);
        }
    }

    @Override
    public String implementation() {
        List<String> parts = new ArrayList<>(2);
        parts.add(gzip != null ? gzip.name() : "java.util.zip");
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
        if (gzip != null) {
            gzip.free();
        }
        arena.close();
    }
}
