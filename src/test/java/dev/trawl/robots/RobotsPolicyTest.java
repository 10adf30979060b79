package dev.trawl.robots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.config.CrawlConfig;
import dev.trawl.fetch.Fetcher;
import dev.trawl.fetch.FetcherFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** RFC 9309 behaviour of the robots.txt policy, against a real server. */
class RobotsPolicyTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    private final CrawlConfig config = CrawlConfig.defaults();
    private final Fetcher fetcher = FetcherFactory.okHttp(config.fetch()).build();
    private final RobotsPolicy policy = RobotsPolicy.caching(config.politeness(), "trawl/0.1 (+https://x)", fetcher);

    @AfterEach
    void closeFetcher() {
        fetcher.close();
    }

    private RobotsRules rules() throws Exception {
        return policy.rulesFor(server.url("/page").toString()).get(10, TimeUnit.SECONDS);
    }

    private void robots(int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code).setHeader("Content-Type", "text/plain").body(body).build());
    }

    @Test
    void ourGroupIsObeyedAndItsCrawlDelayRead() throws Exception {
        robots(200, "User-agent: *\nDisallow: /\n\nUser-agent: trawl\nDisallow: /private/\nCrawl-delay: 2.5\n");

        RobotsRules rules = rules();

        assertThat(rules.allows(server.url("/public").toString())).isTrue();
        assertThat(rules.allows(server.url("/private/x").toString())).isFalse();
        assertThat(rules.crawlDelay()).contains(Duration.ofMillis(2500));
        assertThat(rules.retryAfter()).isEmpty();
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/robots.txt");
    }

    @Test
    void missingRobotsAllowsEverything() throws Exception {
        robots(404, "not found");

        RobotsRules rules = rules();

        assertThat(rules.allows(server.url("/anything").toString())).isTrue();
        assertThat(rules.retryAfter()).isEmpty();
    }

    @Test
    void serverErrorDisallowsEverythingForAWhile() throws Exception {
        robots(503, "down");

        RobotsRules rules = rules();

        assertThat(rules.allows(server.url("/anything").toString())).isFalse();
        assertThat(rules.retryAfter()).contains(config.politeness().robotsErrorRetry());
        assertThat(rules.toString()).contains("unreachable");
    }

    @Test
    void redirectIsFollowedToTheRules() throws Exception {
        server.enqueue(new MockResponse.Builder().code(301).setHeader("Location", "/real-robots.txt").build());
        robots(200, "User-agent: *\nDisallow: /no/\n");

        RobotsRules rules = rules();

        assertThat(rules.allows(server.url("/no/x").toString())).isFalse();
        assertThat(rules.allows(server.url("/yes").toString())).isTrue();
    }

    @Test
    void concurrentAsksForOneHostShareOneFetch() throws Exception {
        robots(200, "User-agent: *\nDisallow: /x\n");

        List<CompletableFuture<RobotsRules>> asks = IntStream.range(0, 20)
                .mapToObj(i -> policy.rulesFor(server.url("/p" + i).toString())).toList();
        for (CompletableFuture<RobotsRules> ask : asks) {
            assertThat(ask.get(10, TimeUnit.SECONDS).allows(server.url("/x").toString())).isFalse();
        }

        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void robotsOffAllowsEverythingWithoutARequest() throws Exception {
        var off = new CrawlConfig.Politeness(Duration.ZERO, 1, false, "maximumSize=10", Duration.ofMinutes(1),
                Duration.ofSeconds(30), false, CrawlConfig.Politeness.DEFAULT_MAX_SITEMAP_URLS, CrawlConfig.Adaptive.DEFAULTS);
        RobotsRules rules = RobotsPolicy.caching(off, "trawl", fetcher).rulesFor(server.url("/").toString())
                .get(10, TimeUnit.SECONDS);

        assertThat(rules.allows(server.url("/private").toString())).isTrue();
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void productTokenIsTheFirstWordOfTheUserAgent() {
        assertThat(RobotsPolicy.productToken("Trawl/0.1 (+https://x)")).isEqualTo("trawl");
        assertThat(RobotsPolicy.productToken("mybot")).isEqualTo("mybot");
    }
}
