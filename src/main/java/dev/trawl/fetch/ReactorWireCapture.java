package dev.trawl.fetch;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.ProtocolVersion;

/**
 * The reactor fetcher's copy of one exchange for a {@link WireTap}: the heads written back from the
 * parsed messages, the body as it came off the wire (de-chunked, still gzip). Same shape as the OkHttp
 * fetcher's {@link WireRecorder}. Thread-safe: the I/O thread writes it, and a deadline or a cancel may
 * end the exchange from another thread, so every access holds the capture's lock.
 */
final class ReactorWireCapture {
    private final WireBody body = new WireBody();
    private byte[] requestHead = new byte[0];
    private byte[] responseHead;
    private Optional<InetAddress> ip = Optional.empty();
    private boolean complete;

    /** Called with the request as sent, after the client added its own fields (Host, Connection). */
    synchronized void request(HttpRequest request) {
        StringBuilder head = new StringBuilder(256).append(request.getMethod()).append(' ')
                .append(request.getPath()).append(" HTTP/1.1\r\n");
        appendFields(head, request.getHeaders(), false);
        requestHead = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    synchronized void response(HttpResponse response, Optional<InetAddress> from) {
        ProtocolVersion version = response.getVersion();
        StringBuilder head = new StringBuilder(512)
                .append(version != null && version.getMinor() == 0 && version.getMajor() == 1 ? "HTTP/1.0" : "HTTP/1.1")
                .append(' ').append(response.getCode());
        if (response.getReasonPhrase() != null && !response.getReasonPhrase().isEmpty()) {
            head.append(' ').append(response.getReasonPhrase());
        }
        head.append("\r\n");
        appendFields(head, response.getHeaders(), true);
        responseHead = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        ip = from;
    }

    /** The body's announced length on the wire (-1 if unknown), before its bytes arrive ({@link WireBody#expect}). */
    synchronized void expect(long contentLength) {
        body.expect(contentLength);
    }

    /** Copies what {@code src} holds without consuming it. */
    synchronized void body(ByteBuffer src) {
        body.write(src);
    }

    synchronized void completed() {
        complete = true;
    }

    synchronized boolean responded() {
        return responseHead != null;
    }

    synchronized WireExchange exchange(String url, Instant startedAt) {
        return new WireExchange(url, startedAt, ip, requestHead, responseHead, body.bytes(), !complete);
    }

    /** The fields in received order; a chunked transfer coding is renamed, since the body is kept de-chunked. */
    private static void appendFields(StringBuilder head, Header[] headers, boolean response) {
        for (Header header : headers) {
            String name = header.getName();
            if (response && name.equalsIgnoreCase("Transfer-Encoding")
                    && header.getValue().toLowerCase(Locale.ROOT).contains("chunked")) {
                name = "X-Trawl-Transfer-Encoding";
            }
            head.append(name).append(": ").append(header.getValue()).append("\r\n");
        }
        head.append("\r\n");
    }
}
