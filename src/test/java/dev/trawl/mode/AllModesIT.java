package dev.trawl.mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.trawl.config.CrawlConfig;
import dev.trawl.config.FieldRule;
import dev.trawl.config.Mode;
import dev.trawl.run.CrawlRuns;
import dev.trawl.sim.SimWeb;
import dev.trawl.sim.SiteSpec;
import dev.trawl.sink.Outputs;
import dev.trawl.sink.Sink;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.netpreserve.jwarc.WarcReader;

/** The same crawl in every mode: the same URLs with the same statuses, each fetched once, politely. */
class AllModesIT {
    /** The calendar months a crawl may fetch per host: traps.max-query-variants. */
    private static final int MONTHS = 4;

    @TempDir
    Path dir;

    private final StringWriter log = new StringWriter();

    @AfterEach
    void noChildProcessOutlivesATest() {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> ProcessHandle.current().descendants().noneMatch(ProcessHandle::isAlive));
    }

    private TestCrawl crawl(SimWeb web, Mode mode, String... overrides) throws Exception {
        return crawl(web.seeds(), mode, overrides);
    }

    private TestCrawl crawl(List<String> seeds, Mode mode, String... overrides) throws Exception {
        String[] all = new String[overrides.length + 2];
        all[0] = "concurrency.mode=" + mode.cliName();
        all[1] = "concurrency.workers=2";
        System.arraycopy(overrides, 0, all, 2, overrides.length);
        CrawlConfig config = TestCrawl.config(dir.resolve(mode.cliName() + ".jsonl"), all);
        dev.trawl.stats.Summary summary;
        try (Sink sink = Sink.jsonl(config.output().outs().get(0));
                CrawlRun run = CrawlRuns.start(config, seeds, sink, new PrintWriter(log, true))) {
            summary = CompletableFuture.supplyAsync(() -> {
                try {
                    return run.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }).get(120, TimeUnit.SECONDS);
        }
        assertThat(summary.interrupted()).isFalse();
        dev.trawl.audit.AuditAssert.assertPolite(summary);
        return new TestCrawl(summary, TestCrawl.read(config.output().outs().get(0)));
    }

    /**
     * A site with the real web's hazards: an endless calendar on every host, links carrying session ids in
     * the path and the query, and pages that only a gzipped sitemap behind a sitemap index lists.
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void everyModeFetchesTheSameUrlsWithTheSameStatusesEachExactlyOnce(Mode mode) throws Exception {
        SiteSpec spec = SiteSpec.defaults().withHosts(8).withPagesPerHost(260).withLatency(Duration.ofMillis(2))
                .withTraps(true).withSitemaps(true);
        try (SimWeb web = SimWeb.start(spec)) {
            TestCrawl crawl = crawl(web, mode, "politeness.per-host=3", "traps.max-query-variants=" + MONTHS);

            Map<String, Integer> fetched = new HashMap<>(crawl.statuses());
            fetched.keySet().removeAll(web.disallowed());
            fetched.keySet().removeIf(url -> inCalendar(web, url));
            assertThat(web.expected()).hasSizeGreaterThan(2_000).containsValues(200, 301, 302, 404);
            assertThat(fetched).isEqualTo(web.expected());
            assertThat(web.hitCounts()).allSatisfy((url, hits) -> assertThat(hits).as(url).isEqualTo(1));
            assertThat(web.hitCounts().keySet().stream().filter(url -> !inCalendar(web, url)))
                    .as("every URL the server saw, the calendar's aside, and no session id in any")
                    .containsExactlyInAnyOrderElementsOf(web.expected().keySet());
            for (String origin : web.origins()) {
                assertThat(web.maxConcurrent(origin)).as(origin).isLessThanOrEqualTo(3);
            }

            assertThat(web.sitemapOnly()).hasSize(8 * SiteSpec.SITEMAP_ONLY_PAGES).allSatisfy(url -> {
                assertThat(crawl.statuses()).as("found through the sitemap").containsEntry(url, 200);
                assertThat(crawl.record(url).get("depth").asInt()).isEqualTo(1);
            });

            assertThat(web.traps()).hasSize(8).allSatisfy(calendar -> {
                for (int month = 0; month < MONTHS; month++) {
                    assertThat(web.hits(calendar + "?m=" + month)).as("month %d requested", month).isEqualTo(1);
                    assertThat(crawl.statuses()).containsEntry(calendar + "?m=" + month, 200);
                }
                var stopped = crawl.record(calendar + "?m=" + MONTHS);
                assertThat(stopped.get("error").asText()).isEqualTo("trap_query_variants");
                assertThat(stopped.get("error_message").asText()).contains("traps.max-query-variants " + MONTHS);
                assertThat(web.hits(calendar + "?m=" + MONTHS)).as("the month past the budget").isZero();
                assertThat(crawl.statuses().keySet().stream().filter(url -> url.startsWith(calendar + "?")))
                        .as("nothing recorded past the month that was stopped").hasSize(MONTHS + 1);
            });
            assertThat(crawl.summary.errorsByKind()).containsEntry("trap_query_variants", 8L);
            assertThat(crawl.summary.render()).contains("traps      URLs not fetched: 8 by traps.max-query-variants");
        }
    }

    /** Whether {@code url} is a month of one of the calendar traps. */
    private static boolean inCalendar(SimWeb web, String url) {
        return web.traps().stream().anyMatch(calendar -> url.startsWith(calendar + "?"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void everyModeFindsPagesListedOnlyInSitemaps(Mode mode) throws Exception {
        try (mockwebserver3.MockWebServer server = new mockwebserver3.MockWebServer()) {
            server.start();
            String base = server.url("/").toString();
            Map<String, Integer> requests = new java.util.concurrent.ConcurrentHashMap<>();
            server.setDispatcher(new mockwebserver3.Dispatcher() {
                @Override
                public mockwebserver3.MockResponse dispatch(mockwebserver3.RecordedRequest request) {
                    String path = request.getUrl().encodedPath();
                    requests.merge(path, 1, Integer::sum);
                    return switch (path) {
                        case "/robots.txt" -> typed("text/plain", "User-agent: *\nDisallow: /private/\n"
                                + "Sitemap: " + base + "index.xml\nSitemap: " + base + "private/map.xml\n");
                        case "/" -> typed("text/html", "<p>no links</p>");
                        case "/index.xml" -> typed("application/xml", "<sitemapindex"
                                + " xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><sitemap><loc>" + base
                                + "pages.xml.gz</loc></sitemap></sitemapindex>");
                        case "/pages.xml.gz" -> new mockwebserver3.MockResponse.Builder()
                                .setHeader("Content-Type", "application/gzip")
                                .body(new okio.Buffer().write(gzip(urlset(base + "from-gzip", base + "private/x"))))
                                .build();
                        case "/sitemap.xml" -> typed("text/xml", urlset(base + "from-sitemap"));
                        case "/from-gzip", "/from-sitemap" -> typed("text/html", "<p>found</p>");
                        default -> new mockwebserver3.MockResponse.Builder().code(404).build();
                    };
                }
            });

            TestCrawl crawl = crawl(List.of(base), mode);

            assertThat(crawl.statuses()).containsEntry(base + "from-gzip", 200).containsEntry(base + "from-sitemap", 200);
            assertThat(crawl.record(base + "from-gzip").get("depth").asInt()).isEqualTo(1);
            assertThat(crawl.record(base + "private/x").get("error").asText()).isEqualTo("robots_disallowed");
            assertThat(crawl.records).hasSize(4);
            assertThat(requests).containsEntry("/index.xml", 1).containsEntry("/pages.xml.gz", 1)
                    .containsEntry("/sitemap.xml", 1).doesNotContainKeys("/private/map.xml", "/private/x");
        }
    }

    private static mockwebserver3.MockResponse typed(String type, String body) {
        return new mockwebserver3.MockResponse.Builder().setHeader("Content-Type", type).body(body).build();
    }

    private static String urlset(String... urls) {
        StringBuilder xml = new StringBuilder("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
        for (String url : urls) {
            xml.append("<url><loc>").append(url).append("</loc></url>");
        }
        return xml.append("</urlset>").toString();
    }

    private static byte[] gzip(String text) {
        var out = new java.io.ByteArrayOutputStream();
        try (var gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /**
     * One request at a time per host, so the delay after each response is what the server sees (robots.txt
     * and the sitemap included): measured from the start of a response to the arrival of the next request,
     * both stamped by the server, a hold-up anywhere (a busy machine, a child JVM's pipe) only widens the
     * gap, so the bound needs no slack. (A gap from one request's start to the next would have none to give:
     * a request held up on its way in closes it.)
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void everyModeWaitsTheDelayAfterEachResponseBeforeTheNextRequestToItsHost(Mode mode) throws Exception {
        SiteSpec spec = SiteSpec.defaults().withHosts(2).withPagesPerHost(8).withRedirectLoop(false);
        try (SimWeb web = SimWeb.start(spec)) {
            crawl(web, mode, "politeness.delay=120ms", "politeness.per-host=1");

            for (String origin : web.origins()) {
                assertThat(TestCrawl.gapsAfterResponses(web, origin)).as(origin).hasSizeGreaterThan(5)
                        .allSatisfy(gap -> assertThat(gap).isGreaterThanOrEqualTo(Duration.ofMillis(120)));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void everyModeWritesEveryFormatWithTheSameRecordsAndExportGivesThemBack(Mode mode) throws Exception {
        SiteSpec spec = SiteSpec.defaults().withHosts(2).withPagesPerHost(40);
        try (SimWeb web = SimWeb.start(spec)) {
            Path jsonl = dir.resolve("all.jsonl");
            CrawlConfig config = TestCrawl.config(jsonl, "concurrency.mode=" + mode.cliName(),
                    "concurrency.workers=2");
            config = new CrawlConfig(config.fetch(), config.politeness(), config.limits(), config.scope(),
                    config.concurrency(), new CrawlConfig.Output(List.of(jsonl, dir.resolve("all.csv"),
                            dir.resolve("all.sqlite"), dir.resolve("all.warc.gz"), dir.resolve("all.warc")),
                            config.output().progress(), false,
                            true, config.output().warcMaxSize()),
                    new CrawlConfig.Extract(List.of(
                            new FieldRule("heading", "h1", FieldRule.Value.TEXT, false, Pattern.compile("")),
                            new FieldRule("hrefs", "a", new FieldRule.Value(FieldRule.Kind.ABS, "href"), true,
                                    Pattern.compile("")))));
            try (Outputs outputs = Outputs.open(config.output(), config.extract().fields(),
                    Map.of("software", List.of("trawl/test")));
                    CrawlRun run = CrawlRuns.start(config, web.seeds(), outputs, new PrintWriter(log, true))) {
                dev.trawl.audit.AuditAssert.assertPolite(CompletableFuture.supplyAsync(() -> {
                    try {
                        return run.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }).get(120, TimeUnit.SECONDS));
            }

            List<JsonNode> live = TestCrawl.read(jsonl);
            assertThat(live).hasSizeGreaterThan(60);
            assertThat(live).allSatisfy(r -> assertThat(r.get("fields").has("heading")).isTrue());
            assertThat(live).anySatisfy(r -> assertThat(r.get("fields").get("hrefs").size()).isPositive());
            try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                    .with(CsvSchema.emptySchema().withHeader()).readValues(dir.resolve("all.csv").toFile())) {
                assertThat(rows.readAll()).hasSameSizeAs(live);
            }
            try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("all.sqlite"));
                    ResultSet pages = db.createStatement().executeQuery("SELECT count(*) FROM pages");
                    ResultSet links = db.createStatement().executeQuery("SELECT count(*) FROM links")) {
                assertThat(pages.getLong(1)).isEqualTo(live.size());
                assertThat(links.getLong(1)).isPositive();
            }
            for (String file : List.of("all-00000.warc.gz", "all-00000.warc")) { // both WARC kinds
                long responses;
                try (WarcReader warc = new WarcReader(dir.resolve(file))) {
                    responses = warc.records().filter(r -> r.type().equals("response")).count();
                }
                // every page request, each host's robots.txt and each seed host's /sitemap.xml (which the servers'
                // page counts leave out)
                long seedHosts = web.seeds().stream().map(seed -> java.net.URI.create(seed).getRawAuthority())
                        .distinct().count();
                assertThat(responses).as(file).isEqualTo(web.hitCounts().values().stream()
                        .mapToInt(Integer::intValue).sum() + web.origins().size() + seedHosts);

                Path again = dir.resolve(file + ".jsonl");
                CrawlConfig export = new CrawlConfig(config.fetch(), config.politeness(), config.limits(),
                        config.scope(), config.concurrency(), new CrawlConfig.Output(List.of(again),
                                config.output().progress(), false, true, config.output().warcMaxSize()),
                        config.extract());
                try (Outputs outputs = Outputs.open(export.output(), export.extract().fields(), Map.of())) {
                    Reexport.run(export, List.of(dir.resolve(file)), outputs);
                }
                assertThat(WarcRoundTripTest.byUrl(TestCrawl.read(again))).as(file)
                        .isEqualTo(WarcRoundTripTest.byUrl(live));
            }
        }
    }
}
