package dev.trawl.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trawl.config.CrawlConfig;
import dev.trawl.config.ResolveRule;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** {@code fetch.resolve}: names answered without DNS, so a crawl reaches the sim web's named hosts. */
class RuleDnsTest {

    @StartStop
    final MockWebServer server = new MockWebServer();

    @Test
    void wildcardAndExactRulesAnswerTheirNamesAndOthersFallThrough() throws UnknownHostException {
        List<String> asked = new java.util.ArrayList<>();
        RuleDns dns = new RuleDns(List.of(ResolveRule.parse("*.sim.test=127.0.0.1"), ResolveRule.parse("a.test=127.0.0.2")),
                host -> {
                    asked.add(host);
                    return List.of(InetAddress.getByAddress(host, new byte[] {10, 0, 0, 1}));
                });

        assertThat(dns.lookup("h17.SIM.test")).extracting(InetAddress::getHostAddress).containsExactly("127.0.0.1");
        assertThat(dns.lookup("a.test")).extracting(InetAddress::getHostAddress).containsExactly("127.0.0.2");
        assertThat(dns.lookup("sim.test")).extracting(InetAddress::getHostAddress).containsExactly("10.0.0.1");
        assertThat(asked).containsExactly("sim.test");
    }

    @Test
    void aFetcherConfiguredWithResolveReachesANamedHostOnLoopback() throws InterruptedException {
        server.enqueue(new MockResponse.Builder().body("<html><title>hi</title></html>")
                .addHeader("Content-Type", "text/html").build());
        CrawlConfig.Fetch base = CrawlConfig.defaults().fetch();
        CrawlConfig.Fetch config = new CrawlConfig.Fetch(base.userAgent(), base.connectTimeout(), base.readTimeout(),
                base.callTimeout(), base.maxBodyBytes(), base.maxRedirects(), base.retries(), base.retryBackoff(),
                base.maxRetryAfter(), List.of(ResolveRule.parse("*.sim.test=127.0.0.1")));

        try (Fetcher fetcher = FetcherFactory.okHttp(config).clock(Clock.systemUTC()).build()) {
            FetchResult result = fetcher.fetch("http://h3.sim.test:" + server.getPort() + "/");
            assertThat(result).isInstanceOf(FetchResult.Fetched.class);
        }
        assertThat(server.takeRequest().getHeaders().get("Host")).isEqualTo("h3.sim.test:" + server.getPort());
    }

    @Test
    void badRulesAreRejectedSayingHowToWriteThem() {
        assertThatThrownBy(() -> ResolveRule.parse("sim.test")).hasMessageContaining("expected NAME=ADDRESS");
        assertThatThrownBy(() -> ResolveRule.parse("*.sim.test=localhost")).hasMessageContaining("not a literal IP address");
        assertThatThrownBy(() -> ResolveRule.parse("a b=127.0.0.1")).hasMessageContaining("not a host name");
    }
}
