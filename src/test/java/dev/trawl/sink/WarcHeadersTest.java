package dev.trawl.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The record headers, written straight into bytes: field for field what the text said before. */
class WarcHeadersTest {
    private static final Instant AT = Instant.parse("2026-11-27T11:09:26.919281204Z");
    private static final byte[] ID = "0f8fad5b-d9cb-469f-a165-70867728950e".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER = "7c9e6679-7425-40de-944b-e07fc1f90ae7".getBytes(StandardCharsets.US_ASCII);

    private static String text(byte[] header) {
        return new String(header, StandardCharsets.UTF_8);
    }

    @Test
    void aResponseHeaderHasItsFieldsInOrder() throws Exception {
        WarcHeaders headers = new WarcHeaders();
        byte[] target = WarcHeaders.value("WARC-Target-URI", "http://127.0.0.1:19100/p/1.html");

        String header = text(headers.response(ID, target, AT, Optional.of(InetAddress.getByName("127.0.0.1")),
                "NL2GC5BP2I6RAXQDNU7E6DGFYM3WUVFJ".getBytes(StandardCharsets.US_ASCII), true, 14_600));

        assertThat(header).isEqualTo("WARC/1.1\r\nWARC-Type: response\r\n"
                + "WARC-Record-ID: <urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e>\r\n"
                + "WARC-Date: 2026-11-27T11:09:26Z\r\nWARC-Target-URI: http://127.0.0.1:19100/p/1.html\r\n"
                + "WARC-IP-Address: 127.0.0.1\r\nWARC-Payload-Digest: sha1:NL2GC5BP2I6RAXQDNU7E6DGFYM3WUVFJ\r\n"
                + "WARC-Truncated: length\r\nContent-Type: application/http;msgtype=response\r\n"
                + "Content-Length: 14600\r\n\r\n");
    }

    @Test
    void aRequestIsConcurrentToItsResponseAndAMetadataRecordHasNoAddress() throws Exception {
        WarcHeaders headers = new WarcHeaders();
        byte[] target = WarcHeaders.value("WARC-Target-URI", "http://[::1]:8080/caf\u00e9");

        String request = text(headers.request(OTHER, ID, target, AT, Optional.of(InetAddress.getByName("::1")), 254));
        String metadata = text(headers.metadata(OTHER, target, AT.plusSeconds(1), "application/x+json", 0));

        assertThat(request).isEqualTo("WARC/1.1\r\nWARC-Type: request\r\n"
                + "WARC-Record-ID: <urn:uuid:7c9e6679-7425-40de-944b-e07fc1f90ae7>\r\n"
                + "WARC-Date: 2026-11-27T11:09:26Z\r\nWARC-Target-URI: http://[::1]:8080/caf\u00e9\r\n"
                + "WARC-IP-Address: 0:0:0:0:0:0:0:1\r\n"
                + "WARC-Concurrent-To: <urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e>\r\n"
                + "Content-Type: application/http;msgtype=request\r\nContent-Length: 254\r\n\r\n");
        assertThat(metadata).isEqualTo("WARC/1.1\r\nWARC-Type: metadata\r\n"
                + "WARC-Record-ID: <urn:uuid:7c9e6679-7425-40de-944b-e07fc1f90ae7>\r\n"
                + "WARC-Date: 2026-11-27T11:09:27Z\r\nWARC-Target-URI: http://[::1]:8080/caf\u00e9\r\n"
                + "Content-Type: application/x+json\r\nContent-Length: 0\r\n\r\n");
    }

    @Test
    void recordIdsAreVersionFourUuidsAsUuidWritesThem() {
        WarcHeaders headers = new WarcHeaders();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = new String(headers.newId(), StandardCharsets.US_ASCII);
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.toString()).isEqualTo(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            seen.add(id);
        }
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void aValueThatWouldBreakTheHeaderIsRefusedNamingTheFieldAndCharacter() {
        assertThatThrownBy(() -> WarcHeaders.value("WARC-Target-URI", "http://a.test/\r\nX: y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a WARC header value (character 13 at 14): WARC-Target-URI: http://a.test/\r\nX: y");
        assertThatThrownBy(() -> WarcHeaders.value("WARC-Target-URI", "http://a.test/\u0000"))
                .hasMessageContaining("character 0 at 14");
        assertThatThrownBy(() -> WarcHeaders.value("WARC-Target-URI", "http://a.test/\u007f"))
                .hasMessageContaining("character 127 at 14");
        assertThat(WarcHeaders.value("WARC-Target-URI", "http://a.test/?q=?")).hasSize(18);
    }

    @Test
    void valuesBeyondAsciiAreUtf8AsWarcReadsThem() {
        assertThat(WarcHeaders.value("WARC-Target-URI", "http://a.test/caf\u00e9"))
                .isEqualTo("http://a.test/caf\u00e9".getBytes(StandardCharsets.UTF_8)).endsWith(0xC3, 0xA9);
        assertThat(WarcHeaders.value("WARC-Target-URI", "http://a.test/\u4e2d?\ud83d\udc1f"))
                .isEqualTo("http://a.test/\u4e2d?\ud83d\udc1f".getBytes(StandardCharsets.UTF_8));
    }
}
