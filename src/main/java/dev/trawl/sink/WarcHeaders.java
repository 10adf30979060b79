package dev.trawl.sink;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The WARC 1.1 headers of the records written per exchange and per crawl record ({@code response},
 * {@code request}, {@code metadata}), formatted here; jwarc still builds each file's {@code warcinfo} and
 * reads everything back in the tests. jwarc's builders keep a map of lists per record, validate media types
 * through streams, draw each record ID from {@code SecureRandom} and format dates with a
 * {@code DateTimeFormatter}: a fifth of the WARC writer's CPU in a loopback crawl's profile, for the same
 * eight or nine fields every time.
 *
 * <p>Record IDs are random (version 4) UUIDs like {@link UUID#randomUUID()}'s, from a generator seeded
 * once from {@code SecureRandom}: unique, without a locked read of the system's entropy per record.
 * Dates have second precision (the CDXJ index's 14 digits); a second's text is made once. Not thread-safe.
 */
final class WarcHeaders {
    private static final DateTimeFormatter WARC_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CDX_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final SplittableRandom random = new SplittableRandom(new SecureRandom().nextLong());
    private final StringBuilder text = new StringBuilder(512);
    private long second = Long.MIN_VALUE;
    private String warcDate;
    private String cdxTimestamp;

    /** A new record ID: a random (version 4, IETF variant) UUID. */
    UUID newId() {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(3L << 62)) | (1L << 63);
        return new UUID(high, low);
    }

    /** The response record's header; {@code payloadDigest} is the body's SHA-1 in base 32. */
    byte[] response(UUID id, String url, Instant date, Optional<InetAddress> ip, String payloadDigest,
            boolean truncated, long length) {
        begin("response", id, url, date, ip);
        field("WARC-Payload-Digest", "sha1:", payloadDigest);
        if (truncated) {
            field("WARC-Truncated", "", "length");
        }
        return end("application/http;msgtype=response", length);
    }

    /** The request record's header, concurrent to the response {@code response}. */
    byte[] request(UUID id, UUID response, String url, Instant date, Optional<InetAddress> ip, long length) {
        begin("request", id, url, date, ip);
        text.append("WARC-Concurrent-To: <urn:uuid:").append(response).append(">\r\n");
        return end("application/http;msgtype=request", length);
    }

    /** A metadata record's header about {@code url}, its block of type {@code contentType}. */
    byte[] metadata(UUID id, String url, Instant date, String contentType, long length) {
        begin("metadata", id, url, date, Optional.empty());
        return end(contentType, length);
    }

    /** The CDXJ index's timestamp of {@code date}: {@code yyyyMMddHHmmss} in UTC. */
    String cdxTimestamp(Instant date) {
        atSecond(date);
        return cdxTimestamp;
    }

    private void begin(String type, UUID id, String url, Instant date, Optional<InetAddress> ip) {
        atSecond(date);
        text.setLength(0);
        text.append("WARC/1.1\r\nWARC-Type: ").append(type).append("\r\nWARC-Record-ID: <urn:uuid:").append(id)
                .append(">\r\nWARC-Date: ").append(warcDate).append("\r\n");
        field("WARC-Target-URI", "", url);
        if (ip.isPresent()) {
            field("WARC-IP-Address", "", ip.get().getHostAddress());
        }
    }

    private byte[] end(String contentType, long length) {
        field("Content-Type", "", contentType);
        text.append("Content-Length: ").append(length).append("\r\n\r\n");
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** One field; a value that would break the header (a line end, a control or non-Latin-1 character) is refused. */
    private void field(String name, String prefix, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || c > 0xff) {
                throw new IllegalArgumentException("not a WARC header value (character " + (int) c + " at " + i
                        + "): " + name + ": " + value);
            }
        }
        text.append(name).append(": ").append(prefix).append(value).append("\r\n");
    }

    private void atSecond(Instant date) {
        if (date.getEpochSecond() != second) {
            second = date.getEpochSecond();
            warcDate = WARC_DATE.format(date);
            cdxTimestamp = CDX_TIMESTAMP.format(date);
        }
    }
}
