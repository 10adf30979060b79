package dev.trawl.mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The same crawl in every mode: the same URLs with the same statuses, each fetched once, politely. */
class AllModesIT {
    @TempDir
    Path dir;

    private final StringWriter log = new StringWriter();

    @AfterEach
    void noChildProcessOutlivesATest() {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> ProcessHandle.current().descendants().noneMatch(ProcessHandle::isAlive));
    }

    private TestCrawl crawl(SimWeb web, Mode mode, String... overrides) throws Exception {
        String[] all = new String[overrides.length + 2];
        all[0] = "concurrency.mode=" + mode.cliName();
        all[1] = "concurrency.workers=2";
        System.arraycopy(overrides, 0, all, 2, overrides.length);
        CrawlConfig config = TestCrawl.config(dir.resolve(mode.cliName() + ".jsonl"), all);
        dev.trawl.stats.Summary summary;
        try (Sink sink = Sink.jsonl(config.output().outs().get(0));
                CrawlRun run = CrawlRuns.start(config, web.seeds(), sink, new PrintWriter(log, true))) {
            summary = CompletableFuture.supplyAsync(() -> {
                try {
                    return run.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }).get(120, TimeUnit.SECONDS);
        }
        assertThat(summary.interrupted()).isFalse();
        return new TestCrawl(summary, TestCrawl.read(config.output().outs().get(0)));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void everyModeFetchesTheSameUrlsWithTheSameStatusesEachExactlyOnce(Mode mode) throws Exception {
        SiteSpec spec = SiteSpec.defaults().withHosts(8).withPagesPerHost(260).withLatency(Duration.ofMillis(2));
        try (SimWeb web = SimWeb.start(spec)) {
            TestCrawl crawl = crawl(web, mode, "politeness.per-host=3");

            Map<String, Integer> fetched = new HashMap<>(crawl.statuses());
            fetched.keySet().removeAll(web.disallowed());
            assertThat(web.expected()).hasSizeGreaterThan(2_000).containsValues(200, 301, 302, 404);
            assertThat(fetched).isEqualTo(web.expected());
            assertThat(web.hitCounts()).allSatisfy((url, hits) -> assertThat(hits).as(url).isEqualTo(1));
            assertThat(web.hitCounts()).hasSameSizeAs(web.expected());
            for (String origin : web.origins()) {
                assertThat(web.maxConcurrent(origin)).as(origin).isLessThanOrEqualTo(3);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void everyModeKeepsTheDelayBetweenRequestsToOneHost(Mode mode) throws Exception {
        SiteSpec spec = SiteSpec.defaults().withHosts(2).withPagesPerHost(8).withRedirectLoop(false);
        try (SimWeb web = SimWeb.start(spec)) {
            crawl(web, mode, "politeness.delay=120ms", "politeness.per-host=4");

            for (String origin : web.origins()) {
                List<Long> starts = web.requestStartNanos(origin);
                assertThat(starts).hasSizeGreaterThan(5);
                for (int i = 1; i < starts.size(); i++) {
                    assertThat(TimeUnit.NANOSECONDS.toMillis(starts.get(i) - starts.get(i - 1)))
                            .as(origin + " request " + i).isGreaterThanOrEqualTo(120);
                }
            }
        }
    }
}
