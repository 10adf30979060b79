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

    private static MemberCodec codec(String which) {
        if (which.equals("jdk")) {
            return new JdkMemberCodec();
        }
        MemberCodec best = MemberCodec.best();
        assumeTrue(!(best instanceof JdkMemberCodec), "no libdeflate or libcrypto on this machine (JDK 22+ needed)");
        return best;
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
    @ValueSource(strings = {"jdk", "native"})
    void membersDecompressToTheirPartsAndDigestsAreSha1(String which) throws Exception {
        try (MemberCodec codec = codec(which)) {
            assertRoundTrips(codec);
        }
    }

    /** Members of empty, small, large, compressible and random parts gunzip to their parts; digests are SHA-1's. */
    private static void assertRoundTrips(MemberCodec codec) throws Exception {
        Random random = new Random(3);
        List<byte[]> expected = new ArrayList<>();
        Collect out = new Collect();
        for (int size : new int[] {0, 1, 14_000, 300_000, 3_000_000}) {
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

    /** The native codec looking for libdeflate and libcrypto under the given names (JDK 22+ only). */
    @SuppressWarnings("unchecked")
    private static Optional<MemberCodec> nativeWith(String deflate, String crypto) throws Exception {
        assumeTrue(Runtime.version().feature() >= 22, "the native codec needs JDK 22+");
        Method open = Class.forName(MemberCodec.NATIVE_CLASS).getDeclaredMethod("open", List.class, List.class);
        return (Optional<MemberCodec>) open.invoke(null, List.of(deflate), List.of(crypto));
    }

    private static void assumeBothLibraries() {
        try (MemberCodec best = MemberCodec.best()) {
            assumeTrue(best.implementation().equals("libdeflate, libcrypto SHA-1"),
                    "libdeflate and libcrypto both needed, found: " + best.implementation());
        }
    }

    /** A missing library, or another library in its place (without its symbols): that half is the JDK's. */
    @ParameterizedTest
    @CsvSource({
        "libtrawl-missing.so, libcrypto.so.3,  'java.util.zip, libcrypto SHA-1'",
        "libcrypto.so.3,      libcrypto.so.3,  'java.util.zip, libcrypto SHA-1'",
        "libdeflate.so.0,     libtrawl-missing.so, 'libdeflate, JDK SHA-1'",
        "libdeflate.so.0,     libdeflate.so.0, 'libdeflate, JDK SHA-1'",
    })
    void aMissingHalfFallsBackToTheJdkAndStillRoundTrips(String deflate, String crypto, String implementation)
            throws Exception {
        assumeBothLibraries();
        try (MemberCodec codec = nativeWith(deflate, crypto).orElseThrow()) {
            assertThat(codec.implementation()).isEqualTo(implementation);
            assertRoundTrips(codec);
        }
    }

    @ParameterizedTest
    @CsvSource({"libtrawl-missing.so, libtrawl-missing.so", "libcrypto.so.3, libdeflate.so.0"})
    void noNativeCodecWhenNeitherHalfIsFound(String deflate, String crypto) throws Exception {
        assumeBothLibraries();
        assertThat(nativeWith(deflate, crypto)).isEmpty();
    }

    @Test
    void eachMemberIsAWholeGzipStreamOnItsOwn() throws Exception {
        try (MemberCodec codec = codec("native")) {
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
    void theNativeCodecNamesWhatItUses() {
        try (MemberCodec codec = codec("native")) {
            assertThat(codec.implementation()).containsAnyOf("libdeflate", "libcrypto");
        }
        try (MemberCodec codec = new JdkMemberCodec()) {
            assertThat(codec.implementation()).isEqualTo("java.util.zip, JDK SHA-1");
        }
    }
}
