package dev.trawl.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.fetch.FetchResult.Failed;
import dev.trawl.fetch.FetchResult.Fetched;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * Both fetchers set up TLS only for the first https URL (OkHttp and HttpClient 5 would each do it when
 * built, a tenth of a second of every run's start): a plain-http crawl never does, and an https URL still
 * goes through a TLS handshake (with a server that answers in plain HTTP, so the handshake fails, as TLS).
 */
class LazyTlsTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    @Test
    void okHttpFetcherFetchesHttpWithoutSettingUpTls() {
        try (Fetcher fetcher = FetcherFactory.okHttp(FetcherContract.CONFIG).build()) {
            assertFetchesHttpWithoutTls(fetcher, f -> ((OkHttpFetcher) f).tlsReady());
        }
    }

    @Test
    void okHttpFetcherSetsUpTlsForTheFirstHttpsUrl() {
        try (Fetcher fetcher = FetcherFactory.okHttp(FetcherContract.CONFIG).build()) {
            assertHandshakesForHttps(fetcher, f -> ((OkHttpFetcher) f).tlsReady());
        }
    }

    @Test
    void reactorFetcherFetchesHttpWithoutSettingUpTls() {
        try (Fetcher fetcher = ReactorFetcherFactory.create(FetcherContract.CONFIG).build()) {
            assertFetchesHttpWithoutTls(fetcher, f -> ((ReactorFetcher) f).tlsReady());
        }
    }

    @Test
    void reactorFetcherSetsUpTlsForTheFirstHttpsUrl() {
        try (Fetcher fetcher = ReactorFetcherFactory.create(FetcherContract.CONFIG).build()) {
            assertHandshakesForHttps(fetcher, f -> ((ReactorFetcher) f).tlsReady());
        }
    }

    private void assertFetchesHttpWithoutTls(Fetcher fetcher, Predicate<Fetcher> tlsReady) {
        server.enqueue(new MockResponse.Builder().body("<p>plain</p>").build());

        FetchResult result = fetcher.fetch(FetchRequest.of(server.url("/").toString()));

        assertThat(result).isInstanceOfSatisfying(Fetched.class, fetched -> assertThat(fetched.status()).isEqualTo(200));
        assertThat(tlsReady.test(fetcher)).as("TLS set up").isFalse();
    }

    /** An https URL of a server that answers every connection in plain HTTP: a TLS client cannot read that. */
    private void assertHandshakesForHttps(Fetcher fetcher, Predicate<Fetcher> tlsReady) {
        try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread answering = Thread.ofVirtual().start(() -> {
                try (Socket socket = plain.accept()) {
                    socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // the test's assertion says what went wrong
                }
            });

            FetchResult result = fetcher.fetch(FetchRequest.of("https://127.0.0.1:" + plain.getLocalPort() + "/"));

            assertThat(result).isInstanceOfSatisfying(Failed.class, failed -> assertThat(failed.kind())
                    .as(failed.message()).isEqualTo(FailureKind.TLS));
            assertThat(tlsReady.test(fetcher)).as("TLS set up").isTrue();
            answering.join(Duration.ofSeconds(5));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
