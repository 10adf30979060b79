package dev.trawl.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A sim web with the real web's hazards: an endless calendar, session ids in links, pages only a sitemap lists. */
class HostileSiteTest {
    private static final SiteSpec HOSTILE = SiteSpec.defaults().withHosts(2).withPagesPerHost(60).withTraps(true)
            .withSitemaps(true);
    private static final Pattern HREF = Pattern.compile("href=\"([^\"]*)\"");

    private final OkHttpClient client = new OkHttpClient.Builder().followRedirects(false).build();

    @AfterEach
    void releaseClient() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    private Response get(String url) throws IOException {
        return client.newCall(new Request.Builder().url(url).build()).execute();
    }

    private String body(String url) throws IOException {
        try (Response response = get(url)) {
            assertThat(response.code()).as(url).isEqualTo(200);
            return response.body().string();
        }
    }

    @Test
    void theCalendarNeverEnds() throws IOException {
        try (SimWeb web = SimWeb.start(HOSTILE)) {
            String calendar = web.traps().getFirst();
            assertThat(web.traps()).containsExactly(web.seeds().get(0) + "cal", web.seeds().get(1) + "cal");
            assertThat(body(web.seeds().getFirst())).contains("href=\"/cal?m=0\"");
            assertThat(body(calendar + "?m=0")).contains("href=\"/cal?m=1\"");
            assertThat(body(calendar + "?m=123456")).contains("href=\"/cal?m=123457\"");
            try (Response bad = get(calendar + "?m=x")) {
                assertThat(bad.code()).isEqualTo(404);
            }
            assertThat(web.expected().keySet()).noneMatch(url -> url.contains("/cal"));
            assertThat(web.describe()).contains("traps: an endless calendar at /cal?m=0", "sitemaps: robots.txt names",
                    "besides the calendar's");
        }
    }

    @Test
    void someLinksCarrySessionIdsThatLeadToPagesTheSiteHasUnderTheirPlainUrl() throws IOException {
        try (SimWeb web = SimWeb.start(HOSTILE); SimWeb plain = SimWeb.start(HOSTILE.withTraps(false))) {
            List<String> decorated = new java.util.ArrayList<>();
            for (int page = 1; page < 60; page++) {
                Matcher href = HREF.matcher(body(web.seeds().getFirst() + "p/" + page + ".html"));
                while (href.find()) {
                    if (href.group(1).contains("jsessionid=") || href.group(1).contains("sid=")) {
                        decorated.add(href.group(1));
                    }
                }
            }
            assertThat(decorated).anyMatch(href -> href.matches("[^?]*;jsessionid=[0-9A-F]{16}(#.*)?"))
                    .anyMatch(href -> href.matches("[^;]*\\?sid=[0-9A-F]{16}(#.*)?"))
                    .anyMatch(href -> href.contains(";jsessionid=") && href.contains("?utm_source=trawl-sim&sid="));
            assertThat(web.expected()).as("the same pages and links as without traps")
                    .hasSameSizeAs(plain.expected());
        }
    }

    @Test
    void robotsTxtNamesASitemapIndexOfAGzippedSitemapListingPagesNoPageLinksTo() throws IOException {
        try (SimWeb web = SimWeb.start(HOSTILE)) {
            String root = web.seeds().getFirst();
            assertThat(body(root + "robots.txt")).contains("Sitemap: " + root + "sitemaps/index.xml\n");
            assertThat(body(root + "sitemaps/index.xml")).startsWith("<?xml")
                    .contains("<sitemapindex", "<loc>" + root + "sitemaps/pages.xml.gz</loc>");
            byte[] gzipped;
            try (Response urlset = get(root + "sitemaps/pages.xml.gz")) {
                assertThat(urlset.header("Content-Type")).isEqualTo("application/gzip");
                gzipped = urlset.body().bytes();
            }
            String xml;
            try (var in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
                xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertThat(xml).contains("<urlset", "<loc>" + root + "</loc>");
            List<String> only = web.sitemapOnly().stream().filter(url -> url.startsWith(root)).sorted().toList();
            assertThat(only).hasSize(SiteSpec.SITEMAP_ONLY_PAGES);
            for (String url : only) {
                assertThat(xml).contains("<loc>" + url + "</loc>");
                assertThat(body(url)).contains("sitemap-only page");
                assertThat(web.expected()).containsEntry(url, 200);
            }
            assertThat(web.hitCounts()).as("robots.txt and sitemaps are not pages").containsOnlyKeys(only);
        }
    }

    @Test
    void withoutTrapsOrSitemapsNoneOfItIsServed() throws IOException {
        try (SimWeb web = SimWeb.start(SiteSpec.defaults().withHosts(1).withPagesPerHost(10))) {
            String root = web.seeds().getFirst();
            assertThat(body(root + "robots.txt")).doesNotContain("Sitemap:");
            assertThat(body(root)).doesNotContain("/cal?", "jsessionid");
            for (String path : List.of("cal?m=0", "sitemaps/index.xml", "sitemaps/pages.xml.gz", "only/0.html")) {
                try (Response response = get(root + path)) {
                    assertThat(response.code()).as(path).isEqualTo(404);
                }
            }
            assertThat(web.traps()).isEmpty();
            assertThat(web.sitemapOnly()).isEmpty();
        }
    }
}
