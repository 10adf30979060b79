package dev.trawl.sink;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.util.List;
import java.util.Optional;

/**
 * The gzip half of {@link NativeMemberCodec}: one native library that makes a whole gzip member from a record's
 * parts. {@link IsalGzip} (Intel ISA-L's igzip) is preferred over {@link LibdeflateGzip} where both are found
 * (see {@link IsalGzip} for the measured figure). Not thread-safe: one per codec.
 */
sealed interface NativeGzip permits IsalGzip, LibdeflateGzip {

    /** Appends to {@code out} one gzip member whose content is the parts, one after the other. */
    void member(MemberCodec.Out out, byte[]... parts) throws IOException;

    /** The library's name, for {@link MemberCodec#implementation()}. */
    String name();

    /** Frees the library's native state (not the arena's memory, which its owner closes). */
    void free();

    /** The bytes of a record's parts together: what the member holds, and the staging it needs. */
    static long length(byte[]... parts) {
        long length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        return length;
    }

    /** The first of {@code names} that loads into {@code arena}, or empty. */
    static Optional<SymbolLookup> library(Arena arena, List<String> names) {
        for (String name : names) {
            try {
                return Optional.of(SymbolLookup.libraryLookup(name, arena));
            } catch (IllegalArgumentException notFound) {
                // try the next name
            }
        }
        return Optional.empty();
    }

    /** Rethrows what a downcall threw: unchecked and I/O as they are, anything else wrapped. */
    static IllegalStateException rethrow(Throwable e) throws IOException {
        if (e instanceof IOException io) {
            throw io;
        }
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (e instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(e);
    }
}
