package dev.trawl.mode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole crawls against a server that misbehaves: every URL still gets one record, and the crawl ends. */
class HostileServerTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    /** Requests per path, and when each arrived. */
    private final Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();

    private void serve(Function<String, MockResponse> byPath) {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                arrivals.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(System.nanoTime());
                return path.equals("/robots.txt") ? new MockResponse.Builder().code(404).build() : byPath.apply(path);
            }
        });
    }

    private static MockResponse html(String body) {
        return new MockResponse.Builder().setHeader("Content-Type", "text/html; charset=utf-8").body(body).build();
    }

    private static MockResponse redirect(int code, String location) {
        return new MockResponse.Builder().code(code).setHeader("Location", location).build();
    }

    private int requests(String path) {
        return arrivals.getOrDefault(path, List.of()).size();
    }

    private TestCrawl crawl(String... overrides) throws Exception {
        return TestCrawl.run(TestCrawl.config(dir.resolve("out.jsonl"), overrides),
                List.of(server.url("/").toString()));
    }

    @Test
    void redirectLoopIsRecordedAndEachHopFetchedOnce() throws Exception {
        serve(path -> switch (path) {
            case "/" -> html("<a href=/a>a</a>");
            case "/a" -> redirect(302, "/b");
            case "/b" -> redirect(302, "/a");
            default -> new MockResponse.Builder().code(404).build();
        });

        TestCrawl crawl = crawl();

        assertThat(requests("/a")).isEqualTo(1);
        assertThat(requests("/b")).isEqualTo(1);
        assertThat(crawl.record(server.url("/a").toString()).get("final_url").asText()).endsWith("/b");
        assertThat(crawl.record(server.url("/b").toString()).get("error").asText()).isEqualTo("redirect_loop");
        assertThat(crawl.records).hasSize(3);
    }

    @Test
    void redirectChainStopsAtTheHopLimit() throws Exception {
        serve(path -> switch (path) {
            case "/" -> html("<a href=/r1>chain</a>");
            case "/r1" -> redirect(301, "/r2");
            case "/r2" -> redirect(301, "/r3");
            case "/r3" -> redirect(301, "/r4");
            default -> html("<title>end</title>");
        });

        TestCrawl crawl = crawl("fetch.max-redirects=2");

        assertThat(requests("/r3")).isEqualTo(1);
        assertThat(requests("/r4")).isZero();
        assertThat(crawl.record(server.url("/r3").toString()).get("error").asText()).isEqualTo("too_many_redirects");
    }

    @Test
    void retryAfterIsHonouredBeforeTheRetry() throws Exception {
        var tries = new java.util.concurrent.atomic.AtomicInteger();
        serve(path -> tries.getAndIncrement() == 0
                ? new MockResponse.Builder().code(503).setHeader("Retry-After", "1").build()
                : html("<title>second time lucky</title>"));

        TestCrawl crawl = crawl("fetch.retries=2", "politeness.sitemaps=false"); // the first answer is for "/"

        List<Long> times = arrivals.get("/");
        assertThat(times).hasSize(2);
        assertThat(TimeUnit.NANOSECONDS.toMillis(times.get(1) - times.get(0))).isGreaterThanOrEqualTo(1000);
        var record = crawl.record(server.url("/").toString());
        assertThat(record.get("status").asInt()).isEqualTo(200);
        assertThat(record.get("attempts").asInt()).isEqualTo(2);
        assertThat(record.get("title").asText()).isEqualTo("second time lucky");
    }

    @Test
    void gzipBombAndTricklingServerAreRecordedAndTheCrawlGoesOn() throws Exception {
        byte[] bomb = gzip(new byte[8 * 1024 * 1024]);
        serve(path -> switch (path) {
            case "/" -> html("<a href=/bomb>b</a> <a href=/slow>s</a> <a href=/fine>f</a>");
            case "/bomb" -> new MockResponse.Builder().setHeader("Content-Type", "text/html")
                    .setHeader("Content-Encoding", "gzip").body(new Buffer().write(bomb)).build();
            case "/slow" -> new MockResponse.Builder().setHeader("Content-Type", "text/html")
                    .body("x".repeat(10_000)).throttleBody(1, 100, TimeUnit.MILLISECONDS).build();
            default -> html("<title>fine</title>");
        });

        TestCrawl crawl = crawl("fetch.max-body=1MiB", "fetch.call-timeout=1s", "fetch.retries=0");

        assertThat(bomb.length).isLessThan(1024 * 1024);
        assertThat(crawl.record(server.url("/bomb").toString()).get("error").asText()).isEqualTo("body_too_large");
        assertThat(crawl.record(server.url("/slow").toString()).get("error").asText()).isEqualTo("truncated");
        assertThat(crawl.record(server.url("/fine").toString()).get("title").asText()).isEqualTo("fine");
    }

    @Test
    void xRobotsTagIsObeyedForThisCrawlerAndLinksInNonHtmlAreNeverFollowed() throws Exception {
        serve(path -> switch (path) {
            case "/" -> html("<a href=/mine>m</a> <a href=/theirs>t</a> <a href=/notes.txt>n</a> <a href=/data.json>d</a>");
            case "/mine" -> new MockResponse.Builder().setHeader("Content-Type", "text/html")
                    .addHeader("X-Robots-Tag", "googlebot: noindex").addHeader("X-Robots-Tag", "trawl: noindex, nofollow")
                    .body("<a href=/behind-mine>x</a>").build();
            case "/theirs" -> new MockResponse.Builder().setHeader("Content-Type", "text/html")
                    .setHeader("X-Robots-Tag", "otherbot: nofollow").body("<a href=/behind-theirs>x</a>").build();
            case "/notes.txt" -> new MockResponse.Builder().setHeader("Content-Type", "text/plain")
                    .body("<a href=/from-text>x</a> http://" + server.getHostName() + ":" + server.getPort() + "/from-text")
                    .build();
            case "/data.json" -> new MockResponse.Builder().setHeader("Content-Type", "application/json")
                    .setHeader("X-Robots-Tag", "noindex").body("{\"next\": \"/from-json\"}").build();
            default -> html("<title>fine</title>");
        });

        TestCrawl crawl = crawl();

        var mine = crawl.record(server.url("/mine").toString());
        assertThat(mine.get("noindex").asBoolean()).isTrue();
        assertThat(mine.get("nofollow").asBoolean()).isTrue();
        assertThat(requests("/behind-mine")).isZero();
        assertThat(crawl.record(server.url("/theirs").toString()).get("nofollow").asBoolean()).isFalse();
        assertThat(requests("/behind-theirs")).isEqualTo(1);
        assertThat(crawl.record(server.url("/data.json").toString()).get("noindex").asBoolean()).isTrue();
        assertThat(requests("/from-text") + requests("/from-json")).isZero();
    }

    @Test
    void seedExcludedByTheRulesIsStillCrawledButItsLinksObeyThem() throws Exception {
        serve(path -> switch (path) {
            case "/" -> html("<a href=/private/a>a</a> <a href=/public>p</a>");
            default -> html("<title>" + path + "</title>");
        });

        TestCrawl crawl = crawl("scope.exclude=/$|/private/");

        assertThat(crawl.record(server.url("/").toString()).get("status").asInt()).isEqualTo(200);
        assertThat(crawl.record(server.url("/public").toString()).get("title").asText()).isEqualTo("/public");
        assertThat(requests("/private/a")).isZero();
    }

    @Test
    void legacyEncodingsGiveTheRightTitles() throws Exception {
        Charset gbk = Charset.forName("GBK");
        Charset sjis = Charset.forName("Shift_JIS");
        serve(path -> switch (path) {
            case "/" -> html("<a href=/gbk>g</a> <a href=/sjis>s</a>");
            case "/gbk" -> new MockResponse.Builder().setHeader("Content-Type", "text/html")
                    .body(new Buffer().write("<html><head><meta charset=\"gbk\"><title>中文标题测试</title></head></html>"
                            .getBytes(gbk))).build();
            case "/sjis" -> new MockResponse.Builder().setHeader("Content-Type", "text/html; charset=Shift_JIS")
                    .body(new Buffer().write("<html><title>日本語のタイトル</title></html>".getBytes(sjis))).build();
            default -> new MockResponse.Builder().code(404).build();
        });

        TestCrawl crawl = crawl();

        assertThat(crawl.record(server.url("/gbk").toString()).get("title").asText()).isEqualTo("中文标题测试");
        assertThat(crawl.record(server.url("/sjis").toString()).get("title").asText()).isEqualTo("日本語のタイトル");
    }

    @Test
    void unreachableHostIsRecordedAndTheCrawlGoesOn() throws Exception {
        serve(path -> html("<title>up</title>"));
        String dead = "http://127.0.0.1:1/";

        TestCrawl crawl = TestCrawl.run(TestCrawl.config(dir.resolve("out.jsonl"), "politeness.robots-error-retry=20ms"),
                List.of(server.url("/").toString(), dead));

        assertThat(crawl.record(server.url("/").toString()).get("title").asText()).isEqualTo("up");
        var deadRecord = crawl.record(dead);
        assertThat(deadRecord.get("error").asText()).as("the real cause, not robots_disallowed").isEqualTo("connect");
        assertThat(deadRecord.get("error_message").asText()).contains("robots.txt unreachable", "could not connect");
        assertThat(crawl.summary.unreachableHosts()).containsOnlyKeys("127.0.0.1:1");
    }

    @Test
    void responseThatBreaksMidBodyIsRecordedAsTruncatedAndNotFetchedAgain() throws Exception {
        serve(path -> switch (path) {
            case "/" -> html("<a href=/broken>b</a>");
            case "/broken" -> new MockResponse.Builder().setHeader("Content-Type", "text/html")
                    .body("<p>half of this arrives</p>".repeat(2_000))
                    .onResponseBody(new SocketEffect.CloseSocket()).build();
            default -> html("<title>fine</title>");
        });

        TestCrawl crawl = crawl("fetch.retries=3");

        assertThat(crawl.record(server.url("/broken").toString()).get("error").asText()).isEqualTo("truncated");
        assertThat(requests("/broken")).isEqualTo(1);
        assertThat(crawl.summary.retries()).isZero();
    }

    @Test
    void silentServerIsCutAtTheDeadlineOnceNotOncePerRetry() throws Exception {
        serve(path -> switch (path) {
            case "/" -> html("<a href=/trickle>t</a>");
            default -> new MockResponse.Builder().setHeader("Content-Type", "text/html")
                    .body("x".repeat(10_000)).throttleBody(1, 100, TimeUnit.MILLISECONDS).build();
        });

        TestCrawl crawl = crawl("fetch.call-timeout=1s", "fetch.retries=3");

        var record = crawl.record(server.url("/trickle").toString());
        assertThat(record.get("error").asText()).isEqualTo("truncated");
        assertThat(record.get("error_message").asText()).endsWith("fetch deadline of 1s passed");
        assertThat(requests("/trickle")).isEqualTo(1);
    }

    @Test
    void unreachablePageWithoutRobotsIsAConnectFailure() throws Exception {
        String dead = "http://127.0.0.1:1/";
        TestCrawl crawl = TestCrawl.run(TestCrawl.config(dir.resolve("out.jsonl"), "politeness.robots=false",
                "fetch.retries=1"), List.of(dead));

        var record = crawl.record(dead);
        assertThat(record.get("error").asText()).isEqualTo("connect");
        assertThat(record.get("attempts").asInt()).isEqualTo(2);
        assertThat(crawl.summary.retries()).isEqualTo(1);
    }

    private static byte[] gzip(byte[] data) {
        try (var bytes = new ByteArrayOutputStream(); var gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
            gz.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
