package dev.trawl.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MemberCodecTest {

    /** A growing buffer standing in for the writer's: flushes into {@code written}, grows for large members. */
    private static final class Collect implements MemberCodec.Out {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        int flushes;

        @Override
        public ByteBuffer room(int bytes) {
            if (buffer.remaining() < bytes) {
                flush();
                if (buffer.capacity() < bytes) {
                    buffer = ByteBuffer.allocate(bytes);
                }
            }
            return buffer;
        }

        byte[] bytes() {
            flush();
            return written.toByteArray();
        }

        private void flush() {
            written.write(buffer.array(), 0, buffer.position());
            buffer.clear();
            flushes++;
        }
    }

    /** The library names the native codec looks for by default (NativeMemberCodec's lists' first entries). */
    private static final String ISAL = "libisal.so.2";
    private static final String DEFLATE = "libdeflate.so.0";
    private static final String CRYPTO = "libcrypto.so.3";
    private static final String MISSING = "libtrawl-missing.so";

    /**
     * {@code jdk}: the JDK's codec; {@code libdeflate}: the native codec told ISA-L is missing; {@code isal}: the
     * native codec with ISA-L; {@code best}: what {@link MemberCodec#best()} picks. Skipped where the library is
     * not installed (or the JDK is older than 22).
     */
    static MemberCodec codec(String which) throws Exception {
        return switch (which) {
            case "jdk" -> new JdkMemberCodec();
            case "best" -> {
                MemberCodec best = MemberCodec.best();
                assumeTrue(!(best instanceof JdkMemberCodec), "no ISA-L, libdeflate or libcrypto here (JDK 22+ needed)");
                yield best;
            }
            case "libdeflate" -> withGzip(nativeWith(MISSING, DEFLATE, MISSING), "libdeflate");
            case "isal" -> withGzip(nativeWith(ISAL, MISSING, MISSING), "ISA-L igzip");
            default -> throw new IllegalArgumentException(which);
        };
    }

    private static MemberCodec withGzip(Optional<MemberCodec> codec, String gzip) {
        assumeTrue(codec.isPresent() && codec.get().implementation().startsWith(gzip),
                gzip + " not installed here: " + codec.map(MemberCodec::implementation).orElse("none"));
        return codec.get();
    }

    private static byte[] html(int size, long seed) {
        Random random = new Random(seed);
        StringBuilder page = new StringBuilder(size + 64);
        while (page.length() < size) {
            page.append("<p class=\"c").append(random.nextInt(50)).append("\">caf\u00e9 ")
                    .append(Long.toString(random.nextLong(), 36)).append("</p>\n");
        }
        return page.substring(0, size).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] gunzip(byte[] members) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(members))) {
            return in.readAllBytes(); // GZIPInputStream reads concatenated members, checking each CRC and size
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "libdeflate", "isal", "best"})
    void membersDecompressToTheirPartsAndDigestsAreSha1(String which) throws Exception {
        try (MemberCodec codec = codec(which)) {
            assertRoundTrips(codec);
        }
    }

    /**
     * Members of empty, small, large, compressible and random parts gunzip byte for byte to their parts: bodies
     * from nothing to several times the codecs' kept buffers and the test's own (4 KiB), random ones that only
     * stored blocks hold; digests are SHA-1's.
     */
    private static void assertRoundTrips(MemberCodec codec) throws Exception {
        Random random = new Random(3);
        List<byte[]> expected = new ArrayList<>();
        Collect out = new Collect();
        codec.member(out, new byte[0], new byte[0]); // a member of nothing at all
        expected.add(new byte[0]);
        for (int size : new int[] {0, 1, 14_000, 70_001, 300_000, 3_000_000, 1_200_001, 2_000}) {
            byte[] header = ("WARC/1.1\r\nContent-Length: " + size + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] body = size % 2 == 0 ? html(size, size) : new byte[size];
            random.nextBytes(size % 2 == 0 ? new byte[0] : body);
            byte[] end = {'\r', '\n', '\r', '\n'};
            codec.member(out, header, body, new byte[0], end);
            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            whole.writeBytes(header);
            whole.writeBytes(body);
            whole.writeBytes(end);
            expected.add(whole.toByteArray());
            assertThat(codec.sha1(body)).as("SHA-1 of %d bytes", size)
                    .isEqualTo(MessageDigest.getInstance("SHA-1").digest(body));
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        expected.forEach(all::writeBytes);
        assertThat(gunzip(out.bytes())).isEqualTo(all.toByteArray());
    }

    /** The native codec looking for ISA-L, libdeflate and libcrypto under the given names (JDK 22+ only). */
    @SuppressWarnings("unchecked")
    private static Optional<MemberCodec> nativeWith(String isal, String deflate, String crypto) throws Exception {
        assumeTrue(Runtime.version().feature() >= 22, "the native codec needs JDK 22+");
        Method open = Class.forName(MemberCodec.NATIVE_CLASS).getDeclaredMethod("open", List.class, List.class,
                List.class);
        return (Optional<MemberCodec>) open.invoke(null, List.of(isal), List.of(deflate), List.of(crypto));
    }

    /**
     * Skips unless every library named is installed (each looked up alone, as the native codec would), so that a
     * machine without ISA-L still runs the rows that name only libdeflate and libcrypto.
     */
    private static void assumeInstalled(String... names) throws Exception {
        for (String name : names) {
            Optional<MemberCodec> alone = switch (name) {
                case ISAL -> nativeWith(ISAL, MISSING, MISSING).filter(c -> c.implementation().startsWith("ISA-L"));
                case DEFLATE -> nativeWith(MISSING, DEFLATE, MISSING).filter(c -> c.implementation().startsWith("libdeflate"));
                case CRYPTO -> nativeWith(MISSING, MISSING, CRYPTO).filter(c -> c.implementation().endsWith("libcrypto SHA-1"));
                default -> Optional.of(new JdkMemberCodec()); // a name that is missing on purpose
            };
            alone.ifPresent(MemberCodec::close);
            assumeTrue(alone.isPresent(), name + " is not installed here");
        }
    }

    /**
     * A missing library, or another library in its place (without its symbols): gzip falls back from ISA-L to
     * libdeflate, then to the JDK, and SHA-1 to the JDK; every combination still round-trips.
     */
    @ParameterizedTest
    @CsvSource({
        "libisal.so.2,        libdeflate.so.0,     libcrypto.so.3,  'ISA-L igzip, libcrypto SHA-1'",
        "libtrawl-missing.so, libdeflate.so.0,     libcrypto.so.3,  'libdeflate, libcrypto SHA-1'",
        "libcrypto.so.3,      libdeflate.so.0,     libcrypto.so.3,  'libdeflate, libcrypto SHA-1'",
        "libtrawl-missing.so, libtrawl-missing.so, libcrypto.so.3,  'java.util.zip, libcrypto SHA-1'",
        "libdeflate.so.0,     libcrypto.so.3,      libcrypto.so.3,  'java.util.zip, libcrypto SHA-1'",
        "libisal.so.2,        libdeflate.so.0,     libtrawl-missing.so, 'ISA-L igzip, JDK SHA-1'",
        "libtrawl-missing.so, libdeflate.so.0,     libdeflate.so.0, 'libdeflate, JDK SHA-1'",
    })
    void aMissingLibraryFallsBackToTheNextAndStillRoundTrips(String isal, String deflate, String crypto,
            String implementation) throws Exception {
        assumeInstalled(isal, deflate, crypto);
        try (MemberCodec codec = nativeWith(isal, deflate, crypto).orElseThrow()) {
            assertThat(codec.implementation()).isEqualTo(implementation);
            assertRoundTrips(codec);
        }
    }

    @ParameterizedTest
    @CsvSource({"libtrawl-missing.so, libtrawl-missing.so, libtrawl-missing.so",
        "libcrypto.so.3, libcrypto.so.3, libisal.so.2"})
    void noNativeCodecWhenNoLibraryIsFound(String isal, String deflate, String crypto) throws Exception {
        assumeInstalled(isal, deflate, crypto); // a library in another's place: found, but not its symbols
        assertThat(nativeWith(isal, deflate, crypto)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"libdeflate", "isal"})
    void eachMemberIsAWholeGzipStreamOnItsOwn(String which) throws Exception {
        try (MemberCodec codec = codec(which)) {
            byte[] page = html(14_000, 5);
            Collect first = new Collect();
            codec.member(first, page);
            Collect second = new Collect();
            codec.member(second, page, page); // state from one member never leaks into the next
            assertThat(gunzip(first.bytes())).isEqualTo(page);
            byte[] both = gunzip(second.bytes());
            assertThat(both).hasSize(2 * page.length);
        }
    }

    @Test
    void theNativeCodecNamesWhatItUses() throws Exception {
        try (MemberCodec codec = codec("best")) {
            assertThat(codec.implementation()).containsAnyOf("ISA-L", "libdeflate", "libcrypto");
        }
        try (MemberCodec codec = new JdkMemberCodec()) {
            assertThat(codec.implementation()).isEqualTo("java.util.zip, JDK SHA-1");
        }
    }
}
