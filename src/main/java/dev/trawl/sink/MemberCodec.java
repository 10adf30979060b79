package dev.trawl.sink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The two per-byte costs of a WARC record, which are most of what writing a WARC costs a crawl: the SHA-1
 * payload digest and the record's gzip member. {@link #best()} picks native code (ISA-L, else libdeflate, for
 * gzip; libcrypto for SHA-1; through the JDK 22+ foreign function API) where the machine has the libraries, and
 * the JDK's {@code java.util.zip} and {@code MessageDigest} otherwise: the same bytes out either way (valid
 * gzip members, the same digests), only the CPU differs. Not thread-safe: one per writer.
 */
interface MemberCodec extends AutoCloseable {

    /** Where a gzip member goes: a buffer with room for at least {@code bytes} more, written out first if needed. */
    @FunctionalInterface
    interface Out {
        ByteBuffer room(int bytes) throws IOException;
    }

    /** The SHA-1 of {@code bytes}. */
    byte[] sha1(byte[] bytes);

    /** Appends to {@code out} one gzip member whose content is the parts, one after the other. */
    void member(Out out, byte[]... parts) throws IOException;

    /** What does the work, for the crawl's summary: e.g. {@code "ISA-L igzip, libcrypto SHA-1"}. */
    String implementation();

    /** Frees native memory, if any; the codec is not used after. */
    @Override
    void close();

    /** The system property that, set to {@code off}, keeps the JDK's code (for comparisons and tests). */
    String NATIVE_PROPERTY = "trawl.native";
    /** The class compiled for JDK 22+ (src/main/java22), loaded by name so that JDK 21 never links it. */
    String NATIVE_CLASS = "dev.trawl.sink.NativeMemberCodec";

    /**
     * The native codec where the JDK and the machine allow it (JDK 22+, ISA-L, libdeflate or libcrypto found),
     * else the JDK's. Looking the libraries up costs a few milliseconds, so it is done only for a WARC output.
     */
    static MemberCodec best() {
        if (Runtime.version().feature() >= 22 && !"off".equals(System.getProperty(NATIVE_PROPERTY))) {
            try {
                Object codec = Class.forName(NATIVE_CLASS).getDeclaredMethod("open").invoke(null);
                if (codec instanceof Optional<?> found && found.isPresent()) {
                    return (MemberCodec) found.get();
                }
            } catch (ReflectiveOperationException | LinkageError e) {
                // a jar built without the JDK 22 class, or a JVM that refuses native access: the JDK's code
            }
        }
        return new JdkMemberCodec();
    }
}
