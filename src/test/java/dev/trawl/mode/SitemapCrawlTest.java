package dev.trawl.mode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sitemaps of a seed host: robots.txt {@code Sitemap:} lines and {@code /sitemap.xml}, an index, a gzipped
 * sitemap, and sitemaps or listed pages that robots.txt, the scope or the host rule out. The home page links
 * nothing, so every page found beyond it came from a sitemap.
 */
class SitemapCrawlTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    /** Another host, named in robots.txt: a sitemap there is not this host's to read. */
    @StartStop
    final MockWebServer other = new MockWebServer();

    @TempDir
    Path dir;

    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    private int requests(String path) {
        return requests.getOrDefault(path, new AtomicInteger()).get();
    }

    private void serve() {
        String base = server.url("/").toString();
        String elsewhere = other.url("/").toString();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                return switch (path) {
                    case "/robots.txt" -> text("text/plain", "User-agent: *\nDisallow: /private/\n"
                            + "Sitemap: " + base + "maps/index.xml\n"
                            + "Sitemap: " + base + "private/map.xml\n"
                            + "Sitemap: " + base + "excluded/map.xml\n"
                            + "Sitemap: " + elsewhere + "map.xml\n");
                    case "/" -> text("text/html", "<p>nothing linked here</p>");
                    case "/sitemap.xml" -> text("application/xml", urlset(base + "only-in-sitemap"));
                    case "/maps/index.xml" -> text("text/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                            + "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                            + "<sitemap><loc>" + base + "maps/a.xml.gz</loc></sitemap>"
                            + "<sitemap><loc>" + base + "maps/b.xml</loc></sitemap>"
                            + "<sitemap><loc>" + base + "maps/index.xml</loc></sitemap>" // itself: read once
                            + "</sitemapindex>");
                    case "/maps/a.xml.gz" -> new MockResponse.Builder().setHeader("Content-Type", "application/x-gzip")
                            .body(new Buffer().write(gzip(urlset(base + "from-gzip")))).build();
                    case "/maps/b.xml" -> text("text/xml", urlset(base + "from-index", base + "private/secret",
                            elsewhere + "off-host"));
                    case "/only-in-sitemap", "/from-gzip", "/from-index" -> text("text/html", "<p>found</p>");
                    default -> new MockResponse.Builder().code(404).build();
                };
            }
        });
        other.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.computeIfAbsent("other:" + request.getUrl().encodedPath(), p -> new AtomicInteger())
                        .incrementAndGet();
                return new MockResponse.Builder().code(404).build();
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"threads", "async", "virtual"})
    void pagesListedOnlyInSitemapsAreFoundThroughIndexesAndGzip(String mode) throws Exception {
        serve();

        TestCrawl crawl = TestCrawl.run(TestCrawl.config(dir.resolve("out.jsonl"), "concurrency.mode=" + mode,
                "scope.exclude=.*/excluded/.*"), List.of(server.url("/").toString()));

        for (String page : List.of("/only-in-sitemap", "/from-gzip", "/from-index")) {
            var record = crawl.record(server.url(page).toString());
            assertThat(record.get("status").asInt()).as(page).isEqualTo(200);
            assertThat(record.get("depth").asInt()).as(page + ": one hop from the seed").isEqualTo(1);
        }
        assertThat(requests("/maps/index.xml")).as("an index that lists itself is read once").isEqualTo(1);
        assertThat(requests("/maps/a.xml.gz")).isEqualTo(1);
        assertThat(requests("/sitemap.xml")).isEqualTo(1);
        assertThat(requests("/private/map.xml")).as("a sitemap robots.txt disallows").isZero();
        assertThat(requests("/excluded/map.xml")).as("a sitemap out of scope").isZero();
        assertThat(requests("/private/secret")).as("a listed page robots.txt disallows").isZero();
        assertThat(requests.keySet()).as("nothing asked of another host").noneMatch(p -> p.startsWith("other:"));
        assertThat(crawl.record(server.url("/private/secret").toString()).get("error").asText())
                .isEqualTo("robots_disallowed");
        assertThat(crawl.statuses().keySet()).as("no record for a sitemap; none for the other host's page")
                .noneMatch(url -> url.contains("/maps/") || url.endsWith("sitemap.xml") || url.contains("off-host"));
        assertThat(crawl.records).hasSize(5);
    }

    @Test
    void noSitemapsReadsNone() throws Exception {
        serve();

        TestCrawl crawl = TestCrawl.run(TestCrawl.config(dir.resolve("out.jsonl"), "politeness.sitemaps=false"),
                List.of(server.url("/").toString()));

        assertThat(crawl.statuses()).containsOnlyKeys(server.url("/").toString());
        assertThat(requests("/sitemap.xml") + requests("/maps/index.xml")).isZero();
    }

    @Test
    void listedPagesAreCappedPerHost() throws Exception {
        serve();

        TestCrawl crawl = TestCrawl.run(TestCrawl.config(dir.resolve("out.jsonl"), "politeness.max-sitemap-urls=1",
                "scope.exclude=.*/excluded/.*"), List.of(server.url("/").toString()));

        assertThat(crawl.records).as("the seed and the first listed page").hasSize(2);
        assertThat(requests("/only-in-sitemap") + requests("/from-gzip") + requests("/from-index")).isEqualTo(1);
    }

    private static MockResponse text(String type, String body) {
        return new MockResponse.Builder().setHeader("Content-Type", type).body(body).build();
    }

    private static String urlset(String... urls) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
        for (String url : urls) {
            xml.append("<url><loc>").append(url).append("</loc></url>");
        }
        return xml.append("</urlset>").toString();
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
