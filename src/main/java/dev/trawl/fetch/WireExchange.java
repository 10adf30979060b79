package dev.trawl.fetch;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP exchange as it crossed the wire, for a web archive: the request head as sent, the response head
 * and the response body as received, before any decompression ({@code Content-Encoding: gzip} bytes stay
 * gzip). Produced only by a fetcher built with a {@link WireTap}.
 *
 * <p>Two departures from the literal bytes, both so that a WARC reader can parse the record: the head is
 * written back from the parsed status line and header fields (names, values and order as received, CRLF
 * line ends, an HTTP/1.1 status line for an HTTP/2 response); and a {@code Transfer-Encoding: chunked}
 * body is stored de-chunked, its header renamed {@code X-Trawl-Transfer-Encoding} (the rest unchanged).
 *
 * @param url the URL requested
 * @param startedAt when the request started
 * @param ip the server's address, if known
 * @param requestHead the request line and header fields, ending with the blank line
 * @param responseHead the status line and header fields, ending with the blank line
 * @param body the body bytes as received (still content-encoded); a prefix of them when {@code truncated}
 * @param truncated whether the body was cut short: over the body cap, cancelled, or timed out
 */
public record WireExchange(
        String url,
        Instant startedAt,
        Optional<InetAddress> ip,
        byte[] requestHead,
        byte[] responseHead,
        byte[] body,
        boolean truncated) {

    public WireExchange {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(requestHead, "requestHead");
        Objects.requireNonNull(responseHead, "responseHead");
        Objects.requireNonNull(body, "body");
    }

    /**
     * The status code, read from the response head's status line: the digits after its first space, whether a reason
     * phrase follows them or not ({@code HTTP/1.1 200\r\n}, as an HTTP/2 response or an empty message is written
     * back); 0 if there are none.
     */
    public int status() {
        int at = 0;
        while (at < responseHead.length && responseHead[at] != ' ' && responseHead[at] != '\r') {
            at++;
        }
        int status = 0;
        for (int i = at + 1; i < responseHead.length && i <= at + 3 && responseHead[i] >= '0' && responseHead[i] <= '9'; i++) {
            status = status * 10 + (responseHead[i] - '0');
        }
        return status;
    }
}
