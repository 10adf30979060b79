package dev.trawl.mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trawl.config.CrawlConfig;
import dev.trawl.config.Mode;
import dev.trawl.run.CrawlRuns;
import dev.trawl.sim.SimWeb;
import dev.trawl.sim.SiteSpec;
import dev.trawl.sink.Sink;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The one crawl state gives the same depths and the same page budget in every mode. */
class CrawlStateIT {
    @TempDir
    Path dir;

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private final StringWriter log = new StringWriter();

    @AfterEach
    void noChildProcessOutlivesATest() {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> ProcessHandle.current().descendants().noneMatch(ProcessHandle::isAlive));
    }

    private TestCrawl crawl(List<String> seeds, Mode mode, String name, String... overrides) throws Exception {
        String[] all = new String[overrides.length + 2];
        all[0] = "concurrency.mode=" + mode.cliName();
        all[1] = "concurrency.workers=2";
        System.arraycopy(overrides, 0, all, 2, overrides.length);
        CrawlConfig config = TestCrawl.config(dir.resolve(name + ".jsonl"), all);
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
     * / links to /slow and /b; /b → /c → /d; /slow → /d; /d → /e. Under max depth 3, /d is 2 hops away
     * (through /slow) and /e 3, but /slow answers last: /d is first found at 3 through /c and its link to
     * /e is too deep until /slow's record arrives.
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void theShortestPathCountsEvenWhenItIsFoundLast(Mode mode) throws Exception {
        Map<String, List<String>> links = Map.of("/", List.of("/slow", "/b"), "/slow", List.of("/d"),
                "/b", List.of("/c"), "/c", List.of("/d"), "/d", List.of("/e"), "/e", List.of());
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                List<String> out = links.get(path);
                if (out == null) {
                    return new MockResponse.Builder().code(404).build();
                }
                String body = out.stream().map(l -> "<a href=\"" + l + "\">x</a>").collect(Collectors.joining());
                MockResponse.Builder response = new MockResponse.Builder()
                        .setHeader("Content-Type", "text/html; charset=utf-8").body("<html><body>" + body);
                if (path.equals("/slow")) {
                    response.headersDelay(1_500, TimeUnit.MILLISECONDS);
                }
                return response.build();
            }
        });
        for (int run = 0; run < 2; run++) {
            TestCrawl crawl = crawl(List.of(server.url("/").toString()), mode, mode.cliName() + run,
                    "limits.max-depth=3");

            assertThat(crawl.records).extracting(r -> r.get("url").asText().replaceFirst("^http://[^/]+", ""))
                    .as(mode + " run " + run).containsExactlyInAnyOrder("/", "/slow", "/b", "/c", "/d", "/e");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void thePageBudgetFetchesTheSameNumberOfPagesInEveryMode(Mode mode) throws Exception {
        SiteSpec spec = SiteSpec.defaults().withHosts(4).withPagesPerHost(150).withLatency(Duration.ofMillis(2));
        try (SimWeb web = SimWeb.start(spec)) {
            TestCrawl crawl = crawl(web.seeds(), mode, mode.cliName(), "limits.max-pages=60");

            List<JsonNode> fetched = crawl.records.stream().filter(r -> r.get("attempts").asInt() > 0).toList();
            assertThat(fetched).as(mode.cliName()).hasSize(60);
            assertThat(web.hitCounts().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(60);
            Set<String> urls = crawl.records.stream().map(r -> r.get("url").asText()).collect(Collectors.toSet());
            assertThat(urls).as("each URL once").hasSameSizeAs(crawl.records);
            assertThat(crawl.summary.notFetchedOverBudget()).isPositive();
        }
    }
}
