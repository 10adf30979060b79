package dev.trawl.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.fetch.FetchResult.Fetched;
import dev.trawl.frontier.CrawlUrl;
import dev.trawl.frontier.UrlNormalizer;
import dev.trawl.parse.Page;
import dev.trawl.parse.PageParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExtractorTest {
    private static final String URL = "http://example.test/dir/page.html";
    private final Extractor extractor = new Extractor("trawl", new UrlNormalizer());

    private Extraction extract(String html) {
        Fetched response = new Fetched(URL, Instant.EPOCH, Duration.ofMillis(12), 200, Optional.of("text/html"),
                Optional.of("utf-8"), html.getBytes(StandardCharsets.UTF_8), true, Optional.empty(), Optional.empty(),
                html.length());
        Page page = PageParser.jsoup().decode(response);
        return extractor.extract(CrawlUrl.of(URL, 2), page, 1);
    }

    @Test
    void recordCarriesTheFieldsOfThePage() {
        Extraction e = extract("""
                <html lang="de"><head><title> Titel </title>
                <meta name="description" content="Eine Seite">
                <link rel="canonical" href="/canonical.html"></head>
                <body><a href="a.html">a</a> <a href="https://other.test/b#x">b</a></body></html>""");

        var record = e.record();
        assertThat(record.title()).contains("Titel");
        assertThat(record.description()).contains("Eine Seite");
        assertThat(record.language()).contains("de");
        assertThat(record.canonical()).contains("http://example.test/canonical.html");
        assertThat(record.depth()).isEqualTo(2);
        assertThat(record.status()).hasValue(200);
        assertThat(record.outlinks()).isEqualTo(2);
        assertThat(e.links()).containsExactly("http://example.test/dir/a.html", "https://other.test/b");
    }

    @Test
    void baseHrefDecidesWhereRelativeLinksPoint() {
        Extraction e = extract("<head><base href=\"http://cdn.test/root/\"></head><a href=\"x.html\">x</a>");

        assertThat(e.links()).containsExactly("http://cdn.test/root/x.html");
    }

    @Test
    void relNofollowDownloadsAndOtherSchemesAreNotFollowed() {
        Extraction e = extract("""
                <a href="keep.html">k</a> <a rel="external nofollow" href="no.html">n</a>
                <a download href="file.zip">d</a> <a href="mailto:x@y.z">m</a> <a href="javascript:go()">j</a>
                <iframe src="frame.html"></iframe>""");

        assertThat(e.links()).containsExactly("http://example.test/dir/keep.html", "http://example.test/dir/frame.html");
    }

    @Test
    void metaRobotsNofollowDropsTheLinksAndNoindexIsRecorded() {
        Extraction e = extract("<meta name=robots content=\"noindex, nofollow\"><a href=a.html>a</a>");

        assertThat(e.record().noindex()).isTrue();
        assertThat(e.record().nofollow()).isTrue();
        assertThat(e.record().outlinks()).isEqualTo(1);
        assertThat(e.links()).isEmpty();
    }

    @Test
    void metaForOurRobotNameCountsAndNoneMeansBoth() {
        Extraction e = extract("<meta name=TRAWL content=none><a href=a.html>a</a>");

        assertThat(e.record().noindex()).isTrue();
        assertThat(e.links()).isEmpty();
    }
}
