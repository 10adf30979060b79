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

    /** The status code, read from the response head's status line ({@link #statusOf}). */
    public int status() {
        return statusOf(responseHead);
    }

    /**
     * The code on a response head's status line ({@code HTTP/1.1 200 OK}): the digits after its first space, up to the
     * next space or the line's end, whether a reason phrase follows or not ({@code HTTP/1.1 200}, as an HTTP/2
     * response or an empty message is written back); 0 if there are none, or anything else, there. The one reading
     * of it: the WARC writer's index takes it from here too.
     */
    public static int statusOf(byte[] head) {
        int at = 0;
        while (at < head.length && head[at] != ' ' && head[at] != '\r' && head[at] != '\n') {
            at++;
        }
        if (at == head.length || head[at] != ' ') {
            return 0;
        }
        int code = 0;
        int digits = 0;
        for (at++; at < head.length && head[at] != ' ' && head[at] != '\r' && head[at] != '\n'; at++) {
            byte b = head[at];
            if (b < '0' || b > '9' || ++digits > 9) {
                return 0;
            }
            code = code * 10 + (b - '0');
        }
        return code;
    }
}
