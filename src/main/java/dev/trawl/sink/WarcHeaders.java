package dev.trawl.sink;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The WARC 1.1 headers of the records written per exchange and per crawl record ({@code response},
 * {@code request}, {@code metadata}), formatted here; jwarc still builds each file's {@code warcinfo} and
 * reads everything back in the tests. jwarc's builders keep a map of lists per record, validate media types
 * through streams, draw each record ID from {@code SecureRandom} and format dates with a
 * {@code DateTimeFormatter}: a fifth of the WARC writer's CPU in a loopback crawl's profile, for the same
 * eight or nine fields every time.
 *
 * <p>The headers are written straight into bytes ({@link ByteText}): the field names are constants, the values
 * come as header bytes made once ({@link #value}: a page's URL serves its three records), an address's text is
 * kept per address and a second's date per second. A {@code StringBuilder} made into a {@code String} and then
 * encoded cost three passes over every header and its copies.
 *
 * <p>Record IDs are random (version 4) UUIDs like {@link java.util.UUID#randomUUID()}'s, from a generator seeded
 * once from {@code SecureRandom}: unique, without a locked read of the system's entropy per record; written as
 * their text ({@link #newId}) without a {@code UUID} and its {@code toString}. Dates have second precision (the
 * CDXJ index's 14 digits). Not thread-safe.
 */
final class WarcHeaders {
    private static final DateTimeFormatter WARC_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CDX_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final byte[] HEX = ascii("0123456789abcdef");
    /** The length of a UUID's text. */
    static final int ID_BYTES = 36;
    /** Addresses whose text is kept (a crawl's servers; past this many the cache starts over). */
    private static final int ADDRESSES_KEPT = 1024;

    private static final byte[] VERSION = ascii("WARC/1.1\r\nWARC-Type: ");
    private static final byte[] RESPONSE = ascii("response");
    private static final byte[] REQUEST = ascii("request");
    private static final byte[] METADATA = ascii("metadata");
    private static final byte[] RECORD_ID = ascii("\r\nWARC-Record-ID: <urn:uuid:");
    private static final byte[] DATE = ascii(">\r\nWARC-Date: ");
    private static final byte[] TARGET = ascii("\r\nWARC-Target-URI: ");
    private static final byte[] IP = ascii("\r\nWARC-IP-Address: ");
    private static final byte[] PAYLOAD_DIGEST = ascii("\r\nWARC-Payload-Digest: sha1:");
    private static final byte[] TRUNCATED = ascii("\r\nWARC-Truncated: length");
    private static final byte[] CONCURRENT_TO = ascii("\r\nWARC-Concurrent-To: <urn:uuid:");
    private static final byte[] ID_END = ascii(">");
    private static final byte[] CONTENT_TYPE = ascii("\r\nContent-Type: ");
    private static final byte[] RESPONSE_TYPE = ascii("application/http;msgtype=response");
    private static final byte[] REQUEST_TYPE = ascii("application/http;msgtype=request");
    private static final byte[] CONTENT_LENGTH = ascii("\r\nContent-Length: ");
    private static final byte[] HEADER_END = ascii("\r\n\r\n");

    private final SplittableRandom random = new SplittableRandom(new SecureRandom().nextLong());
    private final ByteText text = new ByteText(512);
    private final Map<InetAddress, byte[]> addresses = new HashMap<>();
    private long second = Long.MIN_VALUE;
    private byte[] warcDate;
    private String cdxTimestamp;
    /** The last metadata content type and its header bytes (one type per crawl). */
    private String contentType;
    private byte[] contentTypeBytes;

    /** A new record ID's text, e.g. {@code 0f8fad5b-d9cb-469f-a165-70867728950e}: a random (version 4, IETF variant) UUID. */
    byte[] newId() {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(3L << 62)) | (1L << 63);
        byte[] id = new byte[ID_BYTES];
        hex(id, 0, high >>> 32, 8);
        id[8] = '-';
        hex(id, 9, high >>> 16, 4);
        id[13] = '-';
        hex(id, 14, high, 4);
        id[18] = '-';
        hex(id, 19, low >>> 48, 4);
        id[23] = '-';
        hex(id, 24, low, 12);
        return id;
    }

    /** The low {@code digits} hex digits of {@code bits} into {@code to} at {@code at}, most significant first. */
    private static void hex(byte[] to, int at, long bits, int digits) {
        for (int k = at + digits - 1; k >= at; k--) {
            to[k] = HEX[(int) bits & 0xF];
            bits >>>= 4;
        }
    }

    /**
     * {@code value} as the bytes of header field {@code name}'s value: UTF-8, as WARC 1.1 reads header fields (a URL
     * crawled is percent-encoded ASCII, but another's IRI need not be), made once for all the records that carry it
     * (a page's URL is in three).
     *
     * @throws IllegalArgumentException for a value that would break the header (a line end or another control
     *     character), naming the field and the character
     */
    static byte[] value(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("not a WARC header value (character " + (int) c + " at " + i
                        + "): " + name + ": " + value);
            }
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The response record's header.
     *
     * @param target the URL's header bytes ({@link #value})
     * @param payloadDigest the body's SHA-1 in base 32, ASCII
     */
    byte[] response(byte[] id, byte[] target, Instant date, Optional<InetAddress> ip, byte[] payloadDigest,
            boolean truncated, long length) {
        begin(RESPONSE, id, target, date, ip);
        text.append(PAYLOAD_DIGEST).append(payloadDigest);
        if (truncated) {
            text.append(TRUNCATED);
        }
        return end(RESPONSE_TYPE, length);
    }

    /** The request record's header, concurrent to the response {@code response} (its ID). */
    byte[] request(byte[] id, byte[] response, byte[] target, Instant date, Optional<InetAddress> ip, long length) {
        begin(REQUEST, id, target, date, ip);
        text.append(CONCURRENT_TO).append(response).append(ID_END);
        return end(REQUEST_TYPE, length);
    }

    /** A metadata record's header about {@code target}, its block of type {@code contentType}. */
    byte[] metadata(byte[] id, byte[] target, Instant date, String contentType, long length) {
        begin(METADATA, id, target, date, Optional.empty());
        if (!contentType.equals(this.contentType)) {
            contentTypeBytes = value("Content-Type", contentType);
            this.contentType = contentType;
        }
        return end(contentTypeBytes, length);
    }

    /** The CDXJ index's timestamp of {@code date}: {@code yyyyMMddHHmmss} in UTC. */
    String cdxTimestamp(Instant date) {
        atSecond(date);
        return cdxTimestamp;
    }

    private void begin(byte[] type, byte[] id, byte[] target, Instant date, Optional<InetAddress> ip) {
        atSecond(date);
        text.clear();
        text.append(VERSION).append(type).append(RECORD_ID).append(id).append(DATE).append(warcDate)
                .append(TARGET).append(target);
        if (ip.isPresent()) {
            text.append(IP).append(address(ip.get()));
        }
    }

    private byte[] end(byte[] contentType, long length) {
        text.append(CONTENT_TYPE).append(contentType).append(CONTENT_LENGTH).append(length).append(HEADER_END);
        return text.toByteArray();
    }

    /**
     * The address's text as header bytes, kept per IPv4 address: a crawl talks to the same few servers all along.
     * Not an IPv6 one's: two with different scopes are equal, and their text differs.
     */
    private byte[] address(InetAddress ip) {
        if (!(ip instanceof Inet4Address)) {
            return value("WARC-IP-Address", ip.getHostAddress());
        }
        byte[] known = addresses.get(ip);
        if (known == null) {
            if (addresses.size() >= ADDRESSES_KEPT) {
                addresses.clear();
            }
            known = value("WARC-IP-Address", ip.getHostAddress());
            addresses.put(ip, known);
        }
        return known;
    }

    private void atSecond(Instant date) {
        if (date.getEpochSecond() != second) {
            second = date.getEpochSecond();
            warcDate = ascii(WARC_DATE.format(date));
            cdxTimestamp = CDX_TIMESTAMP.format(date);
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
