package dev.trawl.fetch;

import dev.trawl.config.CrawlConfig;
import dev.trawl.fetch.FetchResult.Failed;
import dev.trawl.fetch.FetchResult.Fetched;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Headers;
import okhttp3.MediaType;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EndpointDetails;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.Method;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.nio.support.BasicRequestProducer;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http.protocol.HttpCoreContext;

/**
 * One GET on the reactor: builds the request, then reads the response as the reactor pushes it —
 * status and headers first, then the body in pieces, inflating gzip as it goes and stopping at the cap.
 * The same decisions as {@link OkHttpFetcher}: only HTML-ish bodies are read, redirects are returned,
 * not followed.
 *
 * <p>A result decided early (a body over the cap, a body not wanted, a deadline, a cancel) is recorded
 * with {@link #decide} and the exchange aborted; that first decision is what the caller gets. The
 * reactor calls the consumer methods from one I/O thread at a time; {@link #decide} may race with them
 * from other threads and is atomic.
 */
final class ReactorExchange implements AsyncResponseConsumer<FetchResult> {
    static final String ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1";
    /** An unwanted body at most this long is read and dropped so the connection can be reused. */
    private static final long DRAIN_LIMIT = 16 * 1024;
    /** What OkHttp calls a redirect: {@code Response.isRedirect}. */
    private static final Set<Integer> REDIRECTS = Set.of(300, 301, 302, 303, 307, 308);

    private final String url;
    private final long maxBodyBytes;
    private final CrawlConfig.Fetch config;
    private final Clock clock;
    private final Instant startedAt;
    private final long startNanos = System.nanoTime();
    private final AtomicReference<FetchResult> decided = new AtomicReference<>();
    /** Present only when archiving: then the exchange's bytes are copied, else nothing is kept. */
    private final Optional<ReactorWireCapture> capture;
    private final SendOnce listener;

    // Written and read by the I/O thread serving this exchange.
    private FutureCallback<FetchResult> done;
    private CappedBody body;
    private StreamingGunzip gunzip;
    // Written by the I/O thread; read also by a deadline or a cancel on another thread.
    private volatile Head head;
    private volatile long wireBytes;

    /** What the status line and headers said. */
    private record Head(int status, Optional<String> contentType, Optional<String> charset,
            Optional<String> location, Optional<Duration> retryAfter, boolean wanted) {}

    /** Thrown from a consumer method to abort the exchange once {@link #decide} has its result. */
    private static final class Decided extends IOException {
        Decided() {
            super("exchange ended early");
        }
    }

    ReactorExchange(String url, long maxBodyBytes, CrawlConfig.Fetch config, Clock clock, boolean archiving,
            SendListener listener) {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 1: " + maxBodyBytes);
        }
        this.url = url;
        this.maxBodyBytes = maxBodyBytes;
        this.config = config;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.capture = archiving ? Optional.of(new ReactorWireCapture()) : Optional.empty();
        this.listener = new SendOnce(listener);
    }

    /**
     * The request head is about to be written: called from a request interceptor, which HttpClient 5.6 runs
     * when the connection (leased, connected, TLS done) asks the exchange for its request, on the I/O thread
     * that then writes it. Records the request as the client sends it, when archiving, and tells the listener.
     */
    void sending(HttpRequest request) {
        capture.ifPresent(c -> c.request(request));
        listener.sending();
    }

    /** The exchange as it crossed the wire, when archiving and a response head arrived. */
    Optional<WireExchange> wire() {
        return capture.filter(ReactorWireCapture::responded).map(c -> c.exchange(url, startedAt));
    }

    AsyncRequestProducer request(URI uri) {
        BasicHttpRequest request = new BasicHttpRequest(Method.GET, uri);
        request.setHeader("User-Agent", config.userAgent());
        request.setHeader("Accept", ACCEPT);
        request.setHeader("Accept-Encoding", "gzip");
        return new BasicRequestProducer(request, null);
    }

    /** Records {@code result} as this exchange's outcome if none was yet; true if it was. */
    boolean decide(FetchResult result) {
        return decided.compareAndSet(null, result);
    }

    Optional<FetchResult> decided() {
        return Optional.ofNullable(decided.get());
    }

    @Override
    public void consumeResponse(HttpResponse response, EntityDetails entity, HttpContext context,
            FutureCallback<FetchResult> resultCallback) throws IOException {
        this.done = resultCallback;
        this.head = head(response);
        capture.ifPresent(c -> c.response(response, remoteAddress(context)));
        if (entity == null) {
            capture.ifPresent(ReactorWireCapture::completed);
            resultCallback.completed(fetched(new byte[0], head.wanted));
            return;
        }
        boolean gzipped = "gzip".equalsIgnoreCase(strip(entity.getContentEncoding()));
        long length = entity.getContentLength();
        capture.ifPresent(c -> c.expect(length));
        if (!head.wanted) {
            if (capture.isEmpty() && (length < 0 || length > DRAIN_LIMIT)) {
                abort(fetched(new byte[0], false)); // cheaper to drop the connection than to read it
            }
            return; // drained (or archived, up to the cap) by consume(), completed by streamEnd()
        }
        if (!gzipped && length > maxBodyBytes) {
            abort(failed(FailureKind.BODY_TOO_LARGE, "Content-Length " + length + " exceeds the "
                    + bytes(maxBodyBytes) + " body cap"));
        }
        body = new CappedBody(maxBodyBytes, gzipped ? -1 : length);
        gunzip = gzipped ? new StreamingGunzip() : null;
    }

    @Override
    public void informationResponse(HttpResponse response, HttpContext context) {
        // 1xx: nothing to do; the final response follows.
    }

    @Override
    public void updateCapacity(CapacityChannel channel) throws IOException {
        channel.update(Integer.MAX_VALUE); // the cap, not flow control, bounds what a body may cost
    }

    @Override
    public void consume(ByteBuffer src) throws IOException {
        if (decided.get() != null) {
            throw new Decided();
        }
        capture.ifPresent(c -> c.body(src));
        wireBytes += src.remaining();
        if (body == null) {
            src.position(src.limit()); // an unwanted body being drained, or read only for the archive
            if (capture.isPresent() && wireBytes >= maxBodyBytes) {
                abort(fetched(new byte[0], false));
            }
            return;
        }
        if (gunzip != null) {
            try {
                gunzip.feed(src, body);
            } catch (StreamingGunzip.TooLarge e) {
                abort(tooLarge());
            }
        } else {
            int length = src.remaining();
            byte[] chunk = new byte[length];
            src.get(chunk);
            if (!body.append(chunk, 0, length)) {
                abort(tooLarge());
            }
        }
    }

    @Override
    public void streamEnd(List<? extends Header> trailers) throws IOException {
        if (gunzip != null && !gunzip.finished()) {
            throw new IOException("gzip body ended before its trailer");
        }
        capture.ifPresent(ReactorWireCapture::completed);
        done.completed(body == null ? fetched(new byte[0], false) : fetched(body.toByteArray(), true));
    }

    @Override
    public void failed(Exception cause) {
        // The client reports the failure to the callback given to execute(); nothing more to do here.
    }

    @Override
    public void releaseResources() {
        if (gunzip != null) {
            gunzip.close();
        }
        body = null;
    }

    private Head head(HttpResponse response) {
        int status = response.getCode();
        boolean redirect = REDIRECTS.contains(status);
        Headers.Builder headers = new Headers.Builder();
        for (Header header : response.getHeaders()) {
            headers.addUnsafeNonAscii(header.getName(), header.getValue());
        }
        Headers all = headers.build();
        Optional<MediaType> mediaType = Optional.ofNullable(all.get("Content-Type")).map(MediaType::parse);
        Optional<String> contentType = mediaType.map(m -> (m.type() + "/" + m.subtype()).toLowerCase(Locale.ROOT));
        Optional<String> charset = mediaType.map(m -> m.parameter("charset"));
        Optional<String> location = redirect ? Optional.ofNullable(all.get("Location")) : Optional.empty();
        boolean wanted = !redirect && contentType.map(t -> ContentTypes.isRead(t, url)).orElse(true);
        return new Head(status, contentType, charset, location, RetryAfter.parse(all, clock.instant()), wanted);
    }

    private static Optional<InetAddress> remoteAddress(HttpContext context) {
        EndpointDetails endpoint = HttpCoreContext.cast(context).getEndpointDetails();
        return endpoint != null && endpoint.getRemoteAddress() instanceof InetSocketAddress address
                ? Optional.ofNullable(address.getAddress()) : Optional.empty();
    }

    private void abort(FetchResult result) throws Decided {
        decide(result);
        throw new Decided();
    }

    private Fetched fetched(byte[] bytes, boolean bodyRead) {
        return new Fetched(url, startedAt, elapsed(), head.status, head.contentType, head.charset, bytes, bodyRead,
                head.location, head.retryAfter, wireBytes);
    }

    private Failed tooLarge() {
        return failed(FailureKind.BODY_TOO_LARGE, "body exceeds " + bytes(maxBodyBytes) + " after decompression");
    }

    /**
     * A failure of kind {@code kind}; once the response has begun (status and headers arrived), a
     * {@link FailureKind#TRUNCATED} body instead, whatever the cause (a reset, a read timeout, the
     * deadline), unless the crawl cancelled it.
     */
    Failed brokeOff(FailureKind kind, String message) {
        Head began = head;
        if (began == null || kind == FailureKind.CANCELLED) {
            return failed(kind, message);
        }
        return failed(FailureKind.TRUNCATED, "status " + began.status + " arrived but the body broke off after "
                + wireBytes + " bytes on the wire: " + message);
    }

    Failed failed(FailureKind kind, String message) {
        return new Failed(url, startedAt, elapsed(), kind, message);
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }

    /** {@code 10 MiB}, {@code 512 KiB} or {@code 1000 bytes}: a cap as configured. */
    static String bytes(long count) {
        if (count >= 1024 * 1024 && count % (1024 * 1024) == 0) {
            return count / (1024 * 1024) + " MiB";
        }
        if (count >= 1024 && count % 1024 == 0) {
            return count / 1024 + " KiB";
        }
        return count + " bytes";
    }
}
