package dev.trawl.robots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.config.CrawlConfig;
import dev.trawl.fetch.Fetcher;
import dev.trawl.fetch.FetcherFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One sitemap read through a real fetcher: what it lists, and what an untrusted one cannot do. */
class SitemapReaderTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    private final CrawlConfig config = CrawlConfig.defaults();
    private final Fetcher fetcher = FetcherFactory.okHttp(config.fetch()).build();

    @AfterEach
    void closeFetcher() {
        fetcher.close();
    }

    private SitemapReader.Listing read(long maxBytes, MockResponse response) throws Exception {
        server.enqueue(response);
        return new SitemapReader(fetcher, maxBytes).read(server.url("/sitemap.xml").toString()).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aTextSitemapListsItsLines() throws Exception {
        SitemapReader.Listing listing = read(1 << 20, new MockResponse.Builder().setHeader("Content-Type", "text/plain")
                .body("http://a.test/one\nhttp://a.test/two\n").build());

        assertThat(listing.pages()).containsExactly("http://a.test/one", "http://a.test/two");
        assertThat(listing.problem()).isEmpty();
    }

    @Test
    void aGzipThatInflatesPastTheCapListsNothing() throws Exception {
        StringBuilder xml = new StringBuilder("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
        for (int i = 0; i < 5_000; i++) {
            xml.append("<url><loc>http://a.test/").append(i).append("</loc></url>");
        }
        byte[] gz = gzip(xml.append("</urlset>").toString());

        SitemapReader.Listing listing = read(gz.length * 4L, new MockResponse.Builder()
                .setHeader("Content-Type", "application/gzip").body(new Buffer().write(gz)).build());

        assertThat(listing.pages()).isEmpty();
        assertThat(listing.problem()).contains("inflates past");
    }

    @Test
    void aRedirectIsAnotherSitemapToRead() throws Exception {
        SitemapReader.Listing listing = read(1 << 20, new MockResponse.Builder().code(301)
                .setHeader("Location", "/maps/main.xml").build());

        assertThat(listing.sitemaps()).containsExactly(server.url("/maps/main.xml").toString());
        assertThat(listing.pages()).isEmpty();
    }

    @Test
    void aMissingOrBrokenSitemapListsNothingAndSaysWhy() throws Exception {
        assertThat(read(1 << 20, new MockResponse.Builder().code(404).build()).problem()).isEqualTo("status 404");
        SitemapReader.Listing broken = read(1 << 20, new MockResponse.Builder()
                .setHeader("Content-Type", "application/xml").body("<urlset><url><loc>").build());
        assertThat(broken.pages()).isEmpty();
    }

    @Test
    void robotsTxtSitemapLinesAreKept() throws Exception {
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/plain")
                .body("User-agent: *\nDisallow:\nSitemap: http://a.test/s1.xml\nSitemap: http://a.test/s2.xml.gz\n").build());

        RobotsRules rules = RobotsPolicy.caching(config.politeness(), "trawl", fetcher)
                .rulesFor(server.url("/").toString()).get(10, TimeUnit.SECONDS);

        assertThat(rules.sitemaps()).containsExactly("http://a.test/s1.xml", "http://a.test/s2.xml.gz");
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
