package dev.trawl.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trawl.fetch.FetchResult.Failed;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Dns;
import org.junit.jupiter.api.Test;

/** The address rules in the fetcher's connect path: nothing refused is ever connected to. Loopback only. */
class AddressGuardTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    private Fetcher publicOnly(Dns dns) {
        return FetcherFactory.okHttp(FetcherContract.CONFIG).dns(dns).addressRules(AddressRules.publicOnly()).build();
    }

    @Test
    void ipLiteralOnLoopbackIsRefusedAtConnectTimeWithoutARequest() {
        server.enqueue(new MockResponse.Builder().body("secret").build());
        try (Fetcher fetcher = publicOnly(new FakeDns())) {
            Failed failed = (Failed) fetcher.fetch("http://127.0.0.1:" + server.getPort() + "/secret");

            assertThat(failed.kind()).isEqualTo(FailureKind.ADDRESS_REFUSED);
            assertThat(failed.message()).contains("127.0.0.1 is loopback 127.0.0.0/8", "--allow-private");
            assertThat(RetryPolicy.isRetryable(failed)).isFalse();
        }
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void nameResolvingToLoopbackIsRefused() {
        try (Fetcher fetcher = publicOnly(new FakeDns())) {
            Failed failed = (Failed) fetcher.fetch("http://metadata.test:" + server.getPort() + "/");

            assertThat(failed.kind()).isEqualTo(FailureKind.ADDRESS_REFUSED);
        }
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void rebindingNameIsJudgedOnEachResolution() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        Dns rebinding = host -> List.of(InetAddress.getByName(
                lookups.getAndIncrement() == 0 ? "93.184.216.34" : "169.254.169.254"));
        Dns guarded = new AddressGuard(AddressRules.publicOnly()).dns(rebinding);

        assertThat(guarded.lookup("rebind.test")).extracting(InetAddress::getHostAddress).containsExactly("93.184.216.34");
        assertThatThrownBy(() -> guarded.lookup("rebind.test"))
                .isInstanceOf(AddressGuard.RefusedAddressException.class)
                .hasMessageContaining("169.254.169.254 is link-local 169.254.0.0/16");
    }

    @Test
    void mixedNameKeepsOnlyItsAllowedAddresses() throws Exception {
        Dns mixed = host -> List.of(InetAddress.getByName("10.0.0.7"), InetAddress.getByName("93.184.216.34"));

        assertThat(new AddressGuard(AddressRules.publicOnly()).dns(mixed).lookup("mixed.test"))
                .extracting(InetAddress::getHostAddress).containsExactly("93.184.216.34");
    }

    @Test
    void seedOnLoopbackAllowsLoopback() {
        server.enqueue(new MockResponse.Builder().body("fine").build());
        String seed = "http://127.0.0.1:" + server.getPort() + "/";
        try (Fetcher fetcher = FetcherFactory.okHttp(FetcherContract.CONFIG).seeds(List.of(seed)).build()) {
            assertThat(fetcher.fetch(seed)).isInstanceOfSatisfying(FetchResult.Fetched.class,
                    page -> assertThat(page.status()).isEqualTo(200));
        }
    }
}
