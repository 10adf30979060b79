package dev.trawl.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the workloads add to the sim: named hosts, per-URL latency, robots.txt per host, failing pages, markup. */
class WorkloadSiteTest {

    /** What {@code --resolve '*.sim.test=127.0.0.1'} does for trawl, for the test crawler. */
    private static final Dns SIM_DNS = hostname -> hostname.endsWith(".sim.test")
            ? List.of(InetAddress.getByAddress(hostname, new byte[] {127, 0, 0, 1}))
            : Dns.SYSTEM.lookup(hostname);

    private final OkHttpClient client = new OkHttpClient.Builder().dns(SIM_DNS).build();

    @AfterEach
    void releaseClient() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    @Test
    void namedHostsWithTheirOwnRobotsAndFailingPagesAreCrawledAsExpected() {
        SiteSpec spec = SiteSpec.builder().hosts(6).pagesPerHost(60).domain(java.util.Optional.of("sim.test"))
                .robotsDisallowRate(0.5).errorRate(0.1).build();
        try (SimWeb web = SimWeb.start(spec)) {
            assertThat(web.seeds()).allSatisfy(seed -> assertThat(seed).matches("http://h[0-5]\\.sim\\.test:\\d+/"));
            assertThat(web.resolveRules()).containsExactly("*.sim.test=127.0.0.1");

            Map<String, Integer> fetched = new PoliteTestCrawler(client).crawl(web.seeds(), web.origins());

            assertThat(fetched).isEqualTo(web.expected());
            assertThat(web.expected()).containsValue(503);
            assertThat(web.disallowed()).anySatisfy(url -> assertThat(url).contains("/p/1"));
            assertThat(web.hitCounts().keySet()).doesNotContainAnyElementsOf(web.disallowed());
        }
    }

    @Test
    void hostsDifferInTheirRobotsTxt() {
        SiteLayout layout = new SiteLayout(SiteSpec.defaults().withHosts(40).toBuilder().robotsDisallowRate(0.5).build());
        List<String> robots = IntStream.range(0, 40).mapToObj(host -> SiteContent.robotsTxt(layout, host, "http://127.0.0.1:1")).toList();

        assertThat(robots).allSatisfy(text -> assertThat(text).contains("Disallow: /private/"));
        long strict = robots.stream().filter(text -> text.contains("Disallow: /p/1\n")).count();
        assertThat(strict).isBetween(10L, 30L);
    }

    @Test
    void latencyIsAFunctionOfTheSeedAndTheUrl() {
        SiteSpec spec = SiteSpec.defaults().withLatency(new Latency.LogNormal(Duration.ofMillis(50), Duration.ofMillis(250)));
        SiteContent one = content(spec);
        SiteContent two = content(spec);
        SiteContent reseeded = content(spec.withSeed(43));

        assertThat(one.latency(1, "/p/7.html")).isEqualTo(two.latency(1, "/p/7.html"));
        assertThat(one.latency(1, "/p/7.html")).isNotEqualTo(one.latency(2, "/p/7.html"));
        assertThat(one.latency(1, "/p/7.html")).isNotEqualTo(reseeded.latency(1, "/p/7.html"));
    }

    @Test
    void latencyOverTheSitesPagesFollowsTheDistribution() {
        SiteSpec spec = SiteSpec.defaults().withHosts(10).withPagesPerHost(1000)
                .withLatency(new Latency.LogNormal(Duration.ofMillis(50), Duration.ofMillis(250)));
        SiteContent content = content(spec);
        long[] millis = IntStream.range(0, 10).boxed()
                .flatMapToLong(host -> IntStream.range(0, 1000)
                        .mapToLong(page -> content.latency(host, SitePath.page(page).path()).toMillis()))
                .sorted().toArray();

        assertThat(millis[millis.length / 2]).isBetween(46L, 54L);
        assertThat(millis[(int) (millis.length * 0.99)]).isBetween(210L, 300L);
        assertThat(Arrays.stream(millis).average().orElseThrow())
                .isBetween(spec.latency().mean().toMillis() - 4.0, spec.latency().mean().toMillis() + 4.0);
    }

    @Test
    void markupDensityAddsElementsNotBytes() {
        SiteSpec plain = SiteSpec.defaults().withPageBytes(20_000);
        SiteSpec dense = plain.toBuilder().markupDensity(0.5).build();
        String plainPage = new String(new PageRenderer(plain).page(0, 3, List.of()));
        String densePage = new String(new PageRenderer(dense).page(0, 3, List.of()));

        assertThat(densePage.length()).isBetween(19_000, 21_500);
        assertThat(count(densePage, '<')).isGreaterThan(2 * count(plainPage, '<'));
        assertThat(new PageRenderer(dense).page(0, 3, List.of())).isEqualTo(densePage.getBytes());
    }

    @Test
    void everyNamedWorkloadIsAValidSiteWithLimits() {
        for (Workload workload : Workload.values()) {
            assertThat(Workload.of(workload.label())).isSameAs(workload);
            assertThat(workload.perHost()).isPositive();
            assertThat(workload.maxInFlight()).isGreaterThanOrEqualTo(workload.perHost());
            assertThat(workload.measures()).isNotBlank();
        }
        assertThat(Workload.of("io-wide").spec().hosts()).isEqualTo(200);
        assertThat(Workload.of("io-wide").perHost()).isEqualTo(10);
    }

    private static SiteContent content(SiteSpec spec) {
        List<String> bases = IntStream.range(0, spec.hosts()).mapToObj(host -> "http://127.0.0.1:" + (9000 + host)).toList();
        return new SiteContent(new SiteLayout(spec), bases);
    }

    private static int count(String text, char c) {
        return (int) text.chars().filter(ch -> ch == c).count();
    }
}
