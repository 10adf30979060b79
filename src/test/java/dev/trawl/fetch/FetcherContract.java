package dev.trawl.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.config.CrawlConfig;
import dev.trawl.fetch.FetchResult.Failed;
import dev.trawl.fetch.FetchResult.Fetched;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okio.Buffer;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Fetcher} must do, whichever client it is built on and however it is called: one
 * subclass per fetcher and calling style (OkHttp and the reactor fetcher, each blocking and async). The
 * OkHttp fetcher is built on a test-owned client so {@link #tearDown} can check that no connection was
 * left checked out, i.e. every response was closed; the reactor fetcher's subclasses override
 * {@link #newFetcher} and {@link #assertNoConnectionInUse}.
 */
abstract class FetcherContract {
    static final long CAP = 1024 * 1024;
    static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    /**
     * Timeouts generous enough that a loaded machine never trips them: a test about a timeout or the deadline
     * makes a fetcher of its own ({@link #fetchWith}) with the one it is about short and the others long.
     */
    static final CrawlConfig.Fetch CONFIG = config(Duration.ofSeconds(10), Duration.ofSeconds(10));
    static final Duration SHORT_READ_TIMEOUT = Duration.ofMillis(500);
    static final Duration SHORT_DEADLINE = Duration.ofSeconds(2);

    /** The test config with this read timeout and fetch deadline ({@code fetch.call-timeout}). */
    static CrawlConfig.Fetch config(Duration readTimeout, Duration deadline) {
        return new CrawlConfig.Fetch("trawl-test/1.0", Duration.ofSeconds(2), readTimeout, deadline, CAP, 5, 2,
                Duration.ofMillis(100), Duration.ofMinutes(1), List.of());
    }

    @StartStop
    final MockWebServer server = new MockWebServer();

    OkHttpClient base;
    Fetcher fetcher;

    /** Fetches {@code request} the way this subclass tests. */
    abstract FetchResult fetch(Fetcher fetcher, FetchRequest request);

    /** Fetches {@code url} with the configured cap, telling nobody when it is sent. */
    FetchResult fetch(Fetcher fetcher, String url) {
        return fetch(fetcher, FetchRequest.of(url));
    }

    @BeforeEach
    void setUp() {
        base = new OkHttpClient();
        fetcher = newFetcher(Optional.empty());
    }

    /** {@link #newFetcher(CrawlConfig.Fetch, Optional)} with {@link #CONFIG}. */
    final Fetcher newFetcher(Optional<WireTap> tap) {
        return newFetcher(CONFIG, tap);
    }

    /**
     * A fetcher under test on {@link #base}'s connections, with a fixed clock at {@link #NOW} and
     * {@link FakeDns}, reporting to {@code tap} if one is given. Another Fetcher implementation overrides this.
     */
    Fetcher newFetcher(CrawlConfig.Fetch config, Optional<WireTap> tap) {
        FetcherFactory factory = FetcherFactory.okHttp(config).baseClient(base).dns(new FakeDns())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
        tap.ifPresent(factory::wireTap);
        return factory.build();
    }

    /** Fetches {@code url} with a fetcher of this read timeout and deadline, closed afterwards. */
    FetchResult fetchWith(Duration readTimeout, Duration deadline, String url) {
        try (Fetcher tuned = newFetcher(config(readTimeout, deadline), Optional.empty())) {
            return fetch(tuned, url);
        }
    }

    /** Fetches {@code path} with a fetcher that has a tap, and returns the result and what the tap got. */
    Archived fetchArchived(String path) {
        List<WireExchange> exchanges = new CopyOnWriteArrayList<>();
        try (Fetcher archiving = newFetcher(Optional.of(exchanges::add))) {
            FetchResult result = fetch(archiving, server.url(path).toString());
            assertThat(exchanges).as("exchanges reported").hasSize(1);
            return new Archived(result, exchanges.getFirst());
        }
    }

    record Archived(FetchResult result, WireExchange exchange) {
        String responseHead() {
            return new String(exchange.responseHead(), StandardCharsets.ISO_8859_1);
        }
    }

    @AfterEach
    void tearDown() {
        assertNoConnectionInUse();
        fetcher.close();
        base.connectionPool().evictAll();
        base.dispatcher().executorService().shutdown();
    }

    /** Every response was closed: no connection of {@link #fetcher} is still checked out. */
    void assertNoConnectionInUse() {
        assertThat(base.connectionPool().connectionCount())
                .as("connections still in use")
                .isEqualTo(base.connectionPool().idleConnectionCount());
    }

    @Test
    void htmlPageComesBackWithItsBodyAndHeaders() throws InterruptedException {
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "Text/HTML; charset=ISO-8859-1")
                .body("<html><title>hi</title></html>")
                .build());

        Fetched page = (Fetched) fetch(fetcher, server.url("/page").toString());

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.url()).isEqualTo(server.url("/page").toString());
        assertThat(page.startedAt()).isEqualTo(NOW);
        assertThat(page.contentType()).contains("text/html");
        assertThat(page.headerCharset()).contains("ISO-8859-1");
        assertThat(page.body()).asString(StandardCharsets.UTF_8).isEqualTo("<html><title>hi</title></html>");
        assertThat(page.bodyRead()).isTrue();
        assertThat(page.isHtml()).isTrue();
        assertThat(page.location()).isEmpty();
        assertThat(page.retryAfter()).isEmpty();
        assertThat(page.wireBytes()).isEqualTo(30);

        var request = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(request.getHeaders().get("User-Agent")).isEqualTo("trawl-test/1.0");
        assertThat(request.getHeaders().get("Accept")).isEqualTo("text/html,application/xhtml+xml;q=0.9,*/*;q=0.1");
        assertThat(request.getHeaders().get("Accept-Encoding")).isEqualTo("gzip");
    }

    @Test
    void imageIsNotDownloadedEvenWhenHugeAndSlow() {
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "image/png")
                .body(new Buffer().write(new byte[8 * 1024 * 1024]))
                .throttleBody(1024, 100, TimeUnit.MILLISECONDS)
                .build());

        Fetched image = (Fetched) fetch(fetcher, server.url("/big.png").toString());

        assertThat(image.status()).isEqualTo(200);
        assertThat(image.contentType()).contains("image/png");
        assertThat(image.bodyRead()).isFalse();
        assertThat(image.isHtml()).isFalse();
        assertThat(image.body()).isEmpty();
        assertThat(image.elapsed()).as("the body would take 800 s").isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void redirectIsReturnedWithItsLocationAndNotFollowed() {
        server.enqueue(new MockResponse.Builder().code(301).setHeader("Location", "../other page").build());
        server.enqueue(new MockResponse.Builder().body("must not be fetched").build());

        Fetched redirect = (Fetched) fetch(fetcher, server.url("/a/b").toString());

        assertThat(redirect.status()).isEqualTo(301);
        assertThat(redirect.location()).contains("../other page");
        assertThat(redirect.isRedirect()).isTrue();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void gzippedPageIsInflatedAndWireBytesCountTheCompressedSize() {
        byte[] html = "<p>hello</p>".repeat(1000).getBytes(StandardCharsets.UTF_8);
        byte[] gzip = gzip(html, 1);
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "text/html")
                .setHeader("Content-Encoding", "gzip")
                .body(new Buffer().write(gzip))
                .build());

        Fetched page = (Fetched) fetch(fetcher, server.url("/").toString());

        assertThat(page.body()).isEqualTo(html);
        assertThat(page.wireBytes()).isEqualTo(gzip.length);
    }

    @Test
    void gzipBombIsStoppedAtTheCapAfterDecompression() {
        byte[] bomb = gzip(new byte[64 * 1024], 1024); // 64 MiB of zeros in about 64 KiB
        assertThat((long) bomb.length).isLessThan(CAP);
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "text/html")
                .setHeader("Content-Encoding", "gzip")
                .body(new Buffer().write(bomb))
                .build());

        Failed failed = (Failed) fetch(fetcher, server.url("/bomb").toString());

        assertThat(failed.kind()).isEqualTo(FailureKind.BODY_TOO_LARGE);
        assertThat(failed.message()).isEqualTo("body exceeds 1 MiB after decompression");
        assertThat(failed.elapsed()).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void streamedGigabyteGzipBombIsStoppedQuickly() {
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "text/html")
                .setHeader("Content-Encoding", "gzip")
                .setHeader("Transfer-Encoding", "chunked")
                .body(new MockResponseBody() {
                    @Override
                    public long getContentLength() {
                        return -1; // chunked, so no Content-Length to reject up front
                    }

                    @Override
                    public void writeTo(BufferedSink sink) throws IOException {
                        byte[] zeros = new byte[64 * 1024];
                        // Flushed after every 64 KiB inflated, so bytes flow at once even on a loaded machine
                        // (without it, the first segment waits for megabytes of zeros to deflate).
                        try (var gzip = new GZIPOutputStream(new Chunked(sink.outputStream()), 8192, true)) {
                            for (int i = 0; i < 16 * 1024; i++) { // 1 GiB inflated
                                gzip.write(zeros);
                                gzip.flush();
                            }
                        }
                    }
                })
                // MockWebServer would also send "Content-Length: -1", which a strict client rejects.
                .removeHeader("Content-Length")
                .build());

        Failed failed = (Failed) fetch(fetcher, server.url("/gigabomb").toString());

        assertThat(failed.kind()).as(failed.message()).isEqualTo(FailureKind.BODY_TOO_LARGE);
        assertThat(failed.elapsed()).as("a gigabyte would take far longer").isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void contentLengthOverTheCapFailsWithoutReadingTheBody() {
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "text/html")
                .body(new Buffer().write(new byte[(int) CAP + 1]))
                .throttleBody(1024, 100, TimeUnit.MILLISECONDS)
                .build());

        Failed failed = (Failed) fetch(fetcher, server.url("/big.html").toString());

        assertThat(failed.kind()).isEqualTo(FailureKind.BODY_TOO_LARGE);
        assertThat(failed.message()).isEqualTo("Content-Length 1048577 exceeds the 1 MiB body cap");
        assertThat(failed.elapsed()).as("the body would take 100 s").isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void bodyTricklingAByteAtATimeIsCutAtTheDeadlineAndRecordedAsTruncated() {
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "text/html")
                .body("x".repeat(10_000))
                .throttleBody(1, 50, TimeUnit.MILLISECONDS)
                .build());

        // a read timeout far longer than the deadline: however the bytes are held up, only the deadline cuts
        Failed failed = (Failed) fetchWith(CONFIG.readTimeout(), SHORT_DEADLINE, server.url("/slow").toString());

        assertThat(failed.kind()).isEqualTo(FailureKind.TRUNCATED);
        assertThat(failed.message()).startsWith("status 200 arrived but the body broke off after ")
                .endsWith(" bytes on the wire: fetch deadline of 2s passed");
        assertThat(failed.elapsed()).as("not before the deadline; long before the 500 s of the body")
                .isBetween(Duration.ofMillis(1900), Duration.ofSeconds(10));
        assertThat(RetryPolicy.isRetryable(failed)).as("the server answered; do not ask again").isFalse();
    }

    @Test
    void headersTricklingAByteAtATimeAreCutAtTheDeadline() throws Exception {
        try (var trickler = new HeaderTrickler()) {
            Failed failed = (Failed) fetchWith(CONFIG.readTimeout(), SHORT_DEADLINE,
                    "http://127.0.0.1:" + trickler.port() + "/slow-headers");

            assertThat(failed.kind()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(failed.message()).isEqualTo("fetch deadline of 2s passed");
            assertThat(failed.elapsed()).as("not before the deadline; the headers never end")
                    .isBetween(Duration.ofMillis(1900), Duration.ofSeconds(10));
        }
    }

    @Test
    void bodyThatBreaksOffMidwayIsTruncatedAndNotRetried() {
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "text/html")
                .body("<p>half of this arrives</p>".repeat(2_000))
                .onResponseBody(new SocketEffect.CloseSocket())
                .build());

        Failed failed = (Failed) fetch(fetcher, server.url("/broken").toString());

        assertThat(failed.kind()).isEqualTo(FailureKind.TRUNCATED);
        assertThat(failed.message()).startsWith("status 200 arrived but the body broke off after ");
        assertThat(RetryPolicy.isRetryable(failed)).isFalse();
    }

    @Test
    void silentServerEndsInReadTimeout() {
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "text/html")
                .body("late")
                .headersDelay(5, TimeUnit.SECONDS)
                .build());

        Failed failed = (Failed) fetchWith(SHORT_READ_TIMEOUT, CONFIG.callTimeout(), server.url("/silent").toString());

        assertThat(failed.kind()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(failed.message()).isEqualTo("read timed out after 500ms");
        assertThat(failed.elapsed()).as("not before the timeout; before the server's 5 s silence ended")
                .isBetween(Duration.ofMillis(400), Duration.ofSeconds(5));
    }

    @Test
    void bodyThatGoesSilentAfterTheHeadersIsTruncatedByTheReadTimeout() {
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "text/html")
                .body("late")
                .bodyDelay(5, TimeUnit.SECONDS)
                .build());

        Failed failed = (Failed) fetchWith(SHORT_READ_TIMEOUT, CONFIG.callTimeout(),
                server.url("/silent-body").toString());

        assertThat(failed.kind()).isEqualTo(FailureKind.TRUNCATED);
        assertThat(failed.message()).isEqualTo("status 200 arrived but the body broke off after 0 bytes on the wire: "
                + "read timed out after 500ms");
    }

    @Test
    void refusedConnectionIsConnectFailure() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        Failed failed = (Failed) fetch(fetcher, "http://127.0.0.1:" + port + "/");

        assertThat(failed.kind()).isEqualTo(FailureKind.CONNECT);
        assertThat(failed.message()).startsWith("could not connect to 127.0.0.1:" + port);
    }

    @Test
    void sendIsToldOnceAfterConnectingAndBeforeTheServerReadsTheRequest() {
        List<String> events = new CopyOnWriteArrayList<>();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                events.add("server read " + request.getUrl().encodedPath());
                return new MockResponse.Builder().setHeader("Content-Type", "text/html").body("<p>hi</p>").build();
            }
        });

        FetchResult result = fetch(fetcher, FetchRequest.of(server.url("/page").toString())
                .whenSent(() -> events.add("sending")));
        events.add("result " + ((Fetched) result).status());

        assertThat(events).containsExactly("sending", "server read /page", "result 200");
    }

    @Test
    void sendIsToldOncePerRequestAndARedirectIsOneRequest() {
        server.enqueue(new MockResponse.Builder().code(301).setHeader("Location", "/next").build());
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/html").body("<p>2</p>").build());
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();

        Fetched redirect = (Fetched) fetch(fetcher, FetchRequest.of(server.url("/old").toString())
                .whenSent(first::incrementAndGet));
        Fetched page = (Fetched) fetch(fetcher, FetchRequest.of(server.url("/next").toString())
                .whenSent(second::incrementAndGet));

        assertThat(redirect.status()).isEqualTo(301);
        assertThat(page.status()).isEqualTo(200);
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(first).as("the redirect, not followed").hasValue(1);
        assertThat(second).as("the next request, perhaps on the same connection").hasValue(1);
    }

    @Test
    void sendIsNeverToldWhenNoRequestWentOut() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        AtomicInteger told = new AtomicInteger();

        FetchResult refused = fetch(fetcher, FetchRequest.of("http://127.0.0.1:" + port + "/").whenSent(told::incrementAndGet));
        FetchResult unresolved = fetch(fetcher, FetchRequest.of("http://nowhere.test/").whenSent(told::incrementAndGet));
        FetchResult invalid = fetch(fetcher, FetchRequest.of("ftp://example.test/").whenSent(told::incrementAndGet));

        assertThat(List.of(refused, unresolved, invalid)).extracting(r -> ((Failed) r).kind())
                .containsExactly(FailureKind.CONNECT, FailureKind.DNS, FailureKind.INVALID_URL);
        assertThat(told).hasValue(0);
    }

    @Test
    void sendIsNeverToldWhenTheTlsHandshakeFails() throws Exception {
        try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread answer = Thread.ofVirtual().name("plain-http").start(() -> {
                try (Socket client = plain.accept()) {
                    client.getOutputStream().write("HTTP/1.1 400 Not TLS\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException ignored) {
                    // the client gave up first: the handshake failed either way
                }
            });
            AtomicInteger told = new AtomicInteger();

            FetchResult result = fetch(fetcher, FetchRequest.of("https://127.0.0.1:" + plain.getLocalPort() + "/")
                    .whenSent(told::incrementAndGet));

            assertThat(result).isInstanceOf(Failed.class);
            assertThat(told).hasValue(0);
            answer.join();
        }
    }

    @Test
    void unknownHostIsDnsFailure() {
        Failed failed = (Failed) fetch(fetcher, "http://nowhere.test/page");

        assertThat(failed.kind()).isEqualTo(FailureKind.DNS);
        assertThat(failed.message()).isEqualTo("host nowhere.test:80 did not resolve");
    }

    @Test
    void unparsableUrlIsInvalidUrl() {
        Failed failed = (Failed) fetch(fetcher, "ftp://example.test/file");

        assertThat(failed.kind()).isEqualTo(FailureKind.INVALID_URL);
        assertThat(failed.message()).isEqualTo("not an absolute http(s) URL: 'ftp://example.test/file'");
    }

    @Test
    void retryAfterInSecondsIsParsed() {
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "120").build());

        Fetched limited = (Fetched) fetch(fetcher, server.url("/").toString());

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(120));
    }

    @Test
    void retryAfterAsHttpDateIsADelayFromNow() {
        server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "Wed, 01 Jan 2025 00:02:30 GMT")
                .build());

        Fetched unavailable = (Fetched) fetch(fetcher, server.url("/").toString());

        assertThat(unavailable.retryAfter()).contains(Duration.ofSeconds(150));
    }

    @Test
    void retryAfterInThePastIsZeroAndGarbageIsIgnored() {
        server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "Tue, 31 Dec 2024 23:00:00 GMT")
                .build());
        server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "soon").build());

        assertThat(((Fetched) fetch(fetcher, server.url("/").toString())).retryAfter()).contains(Duration.ZERO);
        assertThat(((Fetched) fetch(fetcher, server.url("/").toString())).retryAfter()).isEmpty();
    }

    @Test
    void archivedExchangeKeepsTheGzipBytesAsSentWhileTheResultIsInflated() {
        byte[] html = "<p>archived</p>".repeat(500).getBytes(StandardCharsets.UTF_8);
        byte[] gzip = gzip(html, 1);
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "text/html; charset=utf-8")
                .setHeader("Content-Encoding", "gzip")
                .setHeader("X-Custom", "Kept As Sent")
                .body(new Buffer().write(gzip))
                .build());

        Archived archived = fetchArchived("/zipped?q=1");

        assertThat(((Fetched) archived.result()).body()).isEqualTo(html);
        WireExchange exchange = archived.exchange();
        assertThat(exchange.body()).isEqualTo(gzip);
        assertThat(exchange.truncated()).isFalse();
        assertThat(exchange.url()).isEqualTo(server.url("/zipped?q=1").toString());
        assertThat(exchange.startedAt()).isEqualTo(NOW);
        assertThat(exchange.status()).isEqualTo(200);
        assertThat(exchange.ip()).isPresent();
        assertThat(archived.responseHead()).startsWith("HTTP/1.1 200 OK\r\n")
                .contains("Content-Encoding: gzip\r\n", "X-Custom: Kept As Sent\r\n",
                        "Content-Length: " + gzip.length + "\r\n")
                .endsWith("\r\n\r\n");
        assertThat(new String(exchange.requestHead(), StandardCharsets.ISO_8859_1))
                .startsWith("GET /zipped?q=1 HTTP/1.1\r\n")
                .contains("User-Agent: trawl-test/1.0\r\n", "Accept-Encoding: gzip\r\n")
                .endsWith("\r\n\r\n");
    }

    @Test
    void archivedChunkedBodyIsKeptDechunkedWithItsTransferCodingRenamed() {
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "text/html")
                .chunkedBody("<html>chunked body</html>", 5)
                .build());

        Archived archived = fetchArchived("/chunked");

        assertThat(archived.exchange().body()).asString(StandardCharsets.UTF_8).isEqualTo("<html>chunked body</html>");
        assertThat(archived.responseHead()).contains("X-Trawl-Transfer-Encoding: chunked\r\n")
                .doesNotContain("\r\nTransfer-Encoding");
    }

    @Test
    void nonHtmlBodyIsArchivedThoughTheResultStillSkipsIt() {
        byte[] png = new byte[20_000];
        png[0] = (byte) 0x89;
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "image/png")
                .body(new Buffer().write(png))
                .build());

        Archived archived = fetchArchived("/image.png");

        Fetched image = (Fetched) archived.result();
        assertThat(image.bodyRead()).isFalse();
        assertThat(image.body()).isEmpty();
        assertThat(archived.exchange().body()).isEqualTo(png);
        assertThat(archived.exchange().truncated()).isFalse();
    }

    @Test
    void bodyOverTheCapIsArchivedTruncated() {
        server.enqueue(new MockResponse.Builder()
                .setHeader("Content-Type", "application/octet-stream")
                .body(new Buffer().write(new byte[(int) CAP * 2]))
                .build());

        Archived archived = fetchArchived("/huge.bin");

        assertThat(archived.exchange().truncated()).isTrue();
        assertThat((long) archived.exchange().body().length).isBetween(CAP, CAP * 2 - 1);
    }

    @Test
    void redirectIsArchivedWithItsLocation() {
        server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "/there").body("moved").build());

        Archived archived = fetchArchived("/here");

        assertThat(archived.exchange().status()).isEqualTo(302);
        assertThat(archived.responseHead()).contains("Location: /there\r\n");
        assertThat(archived.exchange().body()).asString(StandardCharsets.UTF_8).isEqualTo("moved");
    }

    @Test
    void failureWithoutAResponseIsNotArchived() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<WireExchange> exchanges = new CopyOnWriteArrayList<>();
        try (Fetcher archiving = newFetcher(Optional.of(exchanges::add))) {
            assertThat(fetch(archiving, "http://127.0.0.1:" + port + "/")).isInstanceOf(Failed.class);
        }
        assertThat(exchanges).isEmpty();
    }

    /** Writes what it is given in HTTP/1.1 chunked framing, a chunk per write (MockWebServer writes bodies raw). */
    static final class Chunked extends java.io.FilterOutputStream {
        Chunked(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (length > 0) {
                out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes, offset, length);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        }

        @Override
        public void close() throws IOException {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            super.close();
        }
    }

    /** Gzips {@code copies} copies of {@code chunk} with the best compression. */
    static byte[] gzip(byte[] chunk, int copies) {
        var out = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(out) {{ def.setLevel(9); }}) {
            for (int i = 0; i < copies; i++) {
                gzip.write(chunk);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A server that accepts one connection and sends a status line and headers one byte every 100 ms, for
     * ever: each byte arrives within the read timeout, so only the fetch deadline stops it.
     */
    static final class HeaderTrickler implements AutoCloseable {
        private final ServerSocket socket;
        private final Thread thread;

        HeaderTrickler() throws IOException {
            socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            thread = Thread.ofVirtual().name("header-trickler").start(this::serve);
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            try (Socket client = socket.accept(); OutputStream out = client.getOutputStream()) {
                byte[] head = "HTTP/1.1 200 OK\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; ; i++) {
                    out.write(i < head.length ? head[i] : 'a');
                    out.flush();
                    Thread.sleep(100); // the hostile server's pace, not a wait for work
                }
            } catch (IOException | InterruptedException closed) {
                // the client gave up or the test closed the socket: done
            }
        }

        @Override
        public void close() throws Exception {
            socket.close();
            thread.interrupt();
            thread.join();
        }
    }
}
