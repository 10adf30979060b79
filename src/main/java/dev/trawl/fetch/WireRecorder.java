package dev.trawl.fetch;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import okhttp3.Connection;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Okio;
import okio.Source;

/**
 * A network interceptor that keeps a copy of each exchange's heads and of the response body as it comes
 * off the wire, before OkHttp's transparent gzip inflates it. Recording is opt-in per request: tag the
 * request with a {@link Capture}. It is installed only in a fetcher built with a {@link WireTap}, so a
 * fetcher without one copies nothing. Stateless and thread-safe; each {@link Capture} is written by the
 * thread reading its body.
 */
final class WireRecorder implements Interceptor {

    /** What one request recorded; becomes a {@link WireExchange} once the fetch is over. */
    static final class Capture {
        private final WireBody body = new WireBody();
        private volatile byte[] requestHead;
        private volatile byte[] responseHead;
        private volatile Optional<InetAddress> ip = Optional.empty();
        private volatile boolean complete;

        /** Whether a response head arrived (else there is nothing to archive). */
        boolean responded() {
            return responseHead != null;
        }

        /** Whether the body was read to its end. */
        boolean complete() {
            return complete;
        }

        WireExchange exchange(String url, Instant startedAt) {
            return new WireExchange(url, startedAt, ip, requestHead, responseHead, body.bytes(), !complete);
        }
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        Capture capture = request.tag(Capture.class);
        if (capture == null) {
            return chain.proceed(request);
        }
        Connection connection = chain.connection();
        if (connection != null) {
            capture.ip = Optional.ofNullable(connection.route().socketAddress().getAddress());
        }
        capture.requestHead = requestHead(request);
        Response response = chain.proceed(request);
        capture.responseHead = responseHead(response);
        ResponseBody raw = response.body();
        capture.body.expect(raw.contentLength());
        Source recording = new ForwardingSource(raw.source()) {
            @Override
            public long read(Buffer sink, long byteCount) throws IOException {
                long read = super.read(sink, byteCount);
                if (read > 0) {
                    sink.copyTo(capture.body, sink.size() - read, read);
                } else if (read == -1) {
                    capture.complete = true;
                }
                return read;
            }
        };
        ResponseBody body = ResponseBody.create(Okio.buffer(recording), raw.contentType(), raw.contentLength());
        return response.newBuilder().body(body).build();
    }

    private static byte[] requestHead(Request request) {
        StringBuilder head = new StringBuilder(256).append(request.method()).append(' ')
                .append(request.url().encodedPath());
        if (request.url().encodedQuery() != null) {
            head.append('?').append(request.url().encodedQuery());
        }
        head.append(" HTTP/1.1\r\n");
        appendFields(head, request.headers(), false);
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] responseHead(Response response) {
        String version = response.protocol() == Protocol.HTTP_1_0 ? "HTTP/1.0" : "HTTP/1.1";
        StringBuilder head = new StringBuilder(512).append(version).append(' ').append(response.code());
        if (!response.message().isEmpty()) {
            head.append(' ').append(response.message());
        }
        head.append("\r\n");
        appendFields(head, response.headers(), true);
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The fields in received order; a chunked transfer coding is renamed, since the body is kept de-chunked. */
    private static void appendFields(StringBuilder head, Headers headers, boolean response) {
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            if (response && name.equalsIgnoreCase("Transfer-Encoding")
                    && headers.value(i).toLowerCase(Locale.ROOT).contains("chunked")) {
                name = "X-Trawl-Transfer-Encoding";
            }
            head.append(name).append(": ").append(headers.value(i)).append("\r\n");
        }
        head.append("\r\n");
    }
}
