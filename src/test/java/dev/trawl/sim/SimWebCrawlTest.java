package dev.trawl.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A correct crawler, pointed at the sim, fetches exactly what the sim says it should. */
class SimWebCrawlTest {

    private final OkHttpClient client = new OkHttpClient();

    @AfterEach
    void releaseClient() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    @Test
    void politeCrawlerFetchesExactlyTheExpectedUrlsOnceEach() {
        try (SimWeb web = SimWeb.start(SiteSpec.defaults())) {
            Map<String, Integer> fetched = new PoliteTestCrawler(client).crawl(web.seeds(), web.origins());

            assertThat(fetched).isEqualTo(web.expected());
            assertThat(web.hitCounts()).isEqualTo(ones(web.expected()));
            assertThat(web.totalRequests()).isEqualTo(web.expected().size() + web.origins().size());
            web.origins().forEach(origin -> assertThat(web.hits("http://" + origin + "/robots.txt")).isOne());
        }
    }

    @Test
    void expectedCoversEveryPageAndEveryKindOfAnswer() {
        SiteSpec spec = SiteSpec.defaults();
        try (SimWeb web = SimWeb.start(spec)) {
            Map<Integer, Long> byStatus = web.expected().values().stream()
                    .collect(Collectors.groupingBy(status -> status, Collectors.counting()));

            assertThat(byStatus.get(200)).isEqualTo(spec.totalPages());
            assertThat(byStatus.get(302)).isEqualTo(2);
            assertThat(byStatus).containsKeys(301, 404);
            String host0 = web.seeds().getFirst();
            assertThat(web.expected()).containsEntry(host0 + "loop/a", 302).containsEntry(host0 + "loop/b", 302);
            assertThat(web.disallowed()).isNotEmpty().allSatisfy(url -> assertThat(url).contains("/private/"));
            assertThat(web.expected().keySet()).doesNotContainAnyElementsOf(web.disallowed());
        }
    }

    @Test
    void politeCrawlerNeverRequestsDisallowedUrls() {
        try (SimWeb web = SimWeb.start(SiteSpec.defaults().withPagesPerHost(120))) {
            new PoliteTestCrawler(client).crawl(web.seeds(), web.origins());

            assertThat(web.disallowed()).isNotEmpty().allSatisfy(url -> assertThat(web.hits(url)).isZero());
        }
    }

    @Test
    void gzippedSiteCrawlsTheSameAndCompressesWhenAsked() throws IOException {
        SiteSpec spec = SiteSpec.defaults().withHosts(2).withPagesPerHost(100).withGzip(true);
        try (SimWeb web = SimWeb.start(spec)) {
            Map<String, Integer> fetched = new PoliteTestCrawler(client).crawl(web.seeds(), web.origins());
            assertThat(fetched).isEqualTo(web.expected());

            Request gzipOnly = new Request.Builder().url(web.seeds().getFirst()).header("Accept-Encoding", "gzip").build();
            try (Response response = client.newCall(gzipOnly).execute()) {
                assertThat(response.header("Content-Encoding")).isEqualTo("gzip");
                assertThat(response.body().bytes().length).isLessThan(spec.pageBytes() / 2);
            }
        }
    }

    @Test
    void sameSpecGivesSameSiteOnOtherPorts() throws IOException {
        SiteSpec spec = SiteSpec.defaults().withHosts(3).withPagesPerHost(200);
        try (SimWeb first = SimWeb.start(spec); SimWeb second = SimWeb.start(spec)) {
            assertThat(portless(first.expected(), first.origins()))
                    .isEqualTo(portless(second.expected(), second.origins()));
            assertThat(portless(first.disallowed(), first.origins()))
                    .isEqualTo(portless(second.disallowed(), second.origins()));
            String page = "p/17.html";
            assertThat(portless(body(first.seeds().get(1) + page), first.origins()))
                    .isEqualTo(portless(body(second.seeds().get(1) + page), second.origins()));
        }
    }

    @Test
    void differentSeedGivesDifferentLinks() throws IOException {
        SiteSpec spec = SiteSpec.defaults().withHosts(1).withPagesPerHost(50);
        try (SimWeb first = SimWeb.start(spec); SimWeb second = SimWeb.start(spec.withSeed(7))) {
            assertThat(portless(body(first.seeds().getFirst() + "p/3.html"), first.origins()))
                    .isNotEqualTo(portless(body(second.seeds().getFirst() + "p/3.html"), second.origins()));
        }
    }

    @Test
    void robotsTxtAnnouncesTheCrawlDelay() throws IOException {
        SiteSpec spec = SiteSpec.defaults().withHosts(1).withPagesPerHost(5).withCrawlDelay(Duration.ofMillis(250));
        try (SimWeb web = SimWeb.start(spec)) {
            assertThat(body(web.seeds().getFirst() + "robots.txt"))
                    .isEqualTo("# robots.txt of 127.0.0.1 (trawl sim host 0)\nUser-agent: *\nDisallow: /private/\nCrawl-delay: 0.25\n");
        }
    }

    private String body(String url) throws IOException {
        try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
            return response.body().string();
        }
    }

    private static Map<String, Integer> ones(Map<String, Integer> expected) {
        Map<String, Integer> ones = new HashMap<>();
        expected.keySet().forEach(url -> ones.put(url, 1));
        return ones;
    }

    /** Replaces each origin by its host index, so that two webs' answers can be compared. */
    private static String portless(String text, List<String> origins) {
        for (int host = 0; host < origins.size(); host++) {
            text = text.replace(origins.get(host), "host" + host);
        }
        return text;
    }

    private static Map<String, Integer> portless(Map<String, Integer> expected, List<String> origins) {
        return expected.entrySet().stream()
                .collect(Collectors.toMap(entry -> portless(entry.getKey(), origins), Map.Entry::getValue));
    }

    private static List<String> portless(java.util.Set<String> urls, List<String> origins) {
        return urls.stream().map(url -> portless(url, origins)).sorted().toList();
    }
}
