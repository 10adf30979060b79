package dev.trawl.mode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.config.Mode;
import dev.trawl.sim.SimWeb;
import dev.trawl.sim.SiteSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Whole crawls of the simulated web, checked against what its servers saw. */
class SimCrawlTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"THREADS", "ASYNC", "VIRTUAL"})
    void everyPageOfAThousandPageMultiHostSiteIsFetchedExactlyOnce(Mode mode) throws Exception {
        try (SimWeb web = SimWeb.start(SiteSpec.defaults())) {
            TestCrawl crawl = TestCrawl.run(TestCrawl.config(dir.resolve("out.jsonl"),
                    "concurrency.mode=" + mode.cliName()), web.seeds());

            Map<String, Integer> fetched = new HashMap<>(crawl.statuses());
            fetched.keySet().removeAll(web.disallowed());
            assertThat(fetched).isEqualTo(web.expected());
            assertThat(web.hitCounts()).allSatisfy((url, hits) -> assertThat(hits).as(url).isEqualTo(1));
            assertThat(web.hitCounts().keySet()).containsExactlyInAnyOrderElementsOf(web.expected().keySet());
            assertThat(crawl.records).hasSize(web.expected().size() + web.disallowed().size());
            assertThat(crawl.summary.interrupted()).isFalse();
        }
    }

    @Test
    void robotsDisallowedUrlsAreRecordedAsSkippedAndNeverRequested() throws Exception {
        try (SimWeb web = SimWeb.start(SiteSpec.defaults().withHosts(2).withPagesPerHost(200))) {
            TestCrawl crawl = TestCrawl.run(TestCrawl.config(dir.resolve("out.jsonl")), web.seeds());

            assertThat(web.disallowed()).isNotEmpty();
            for (String url : web.disallowed()) {
                assertThat(web.hits(url)).as(url).isZero();
                assertThat(crawl.record(url).get("error").asText()).isEqualTo("robots_disallowed");
            }
            for (String seed : web.seeds()) {
                assertThat(web.hits(seed + "robots.txt")).as("robots.txt fetched once per host").isEqualTo(1);
            }
        }
    }

    @Test
    void hostNeverSeesMoreConcurrentRequestsThanItsCap() throws Exception {
        SiteSpec spec = SiteSpec.defaults().withHosts(3).withPagesPerHost(80).withLatency(Duration.ofMillis(20));
        try (SimWeb web = SimWeb.start(spec)) {
            TestCrawl.run(TestCrawl.config(dir.resolve("out.jsonl"), "politeness.per-host=3",
                    "concurrency.producers=16"), web.seeds());

            for (String origin : web.origins()) {
                assertThat(web.maxConcurrent(origin)).as(origin).isBetween(2, 3);
            }
        }
    }

    /**
     * The server sees the delay after every response before the next request (see
     * {@link TestCrawl#gapsAfterResponses}: with one request at a time, a bound no load can break). That a
     * request also starts no sooner than the delay after the previous one started, with several in flight,
     * is the frontier's to keep, and MemoryFrontierTest checks it on a fake clock.
     */
    @Test
    void hostNeverSeesRequestsFasterThanItsDelay() throws Exception {
        SiteSpec spec = SiteSpec.defaults().withHosts(2).withPagesPerHost(12).withRedirectLoop(false);
        try (SimWeb web = SimWeb.start(spec)) {
            TestCrawl.run(TestCrawl.config(dir.resolve("out.jsonl"), "politeness.delay=150ms",
                    "politeness.per-host=1"), web.seeds());

            for (String origin : web.origins()) {
                assertThat(TestCrawl.gapsAfterResponses(web, origin)).as(origin).hasSizeGreaterThan(5)
                        .allSatisfy(gap -> assertThat(gap).isGreaterThanOrEqualTo(Duration.ofMillis(150)));
            }
        }
    }

    @Test
    void robotsCrawlDelayRaisesTheDelay() throws Exception {
        SiteSpec spec = SiteSpec.defaults().withHosts(1).withPagesPerHost(8).withRedirectLoop(false)
                .withCrawlDelay(Duration.ofMillis(250));
        try (SimWeb web = SimWeb.start(spec)) {
            TestCrawl.run(TestCrawl.config(dir.resolve("out.jsonl"), "politeness.delay=20ms",
                    "politeness.per-host=1"), web.seeds());

            assertThat(TestCrawl.gapsAfterResponses(web, web.origins().get(0))).hasSizeGreaterThan(5)
                    .allSatisfy(gap -> assertThat(gap).isGreaterThanOrEqualTo(Duration.ofMillis(250)));
        }
    }

    @Test
    void pageBudgetStopsTheCrawlAndSaysWhatWasLeft() throws Exception {
        try (SimWeb web = SimWeb.start(SiteSpec.defaults())) {
            TestCrawl crawl = TestCrawl.run(TestCrawl.config(dir.resolve("out.jsonl"), "limits.max-pages=50"),
                    web.seeds());

            Set<String> fetched = crawl.records.stream().filter(r -> !r.get("status").isNull())
                    .map(r -> r.get("url").asText()).collect(Collectors.toSet());
            assertThat(fetched).hasSize(50);
            assertThat(web.hitCounts()).hasSize(50);
            assertThat(crawl.summary.notFetchedOverBudget()).isPositive();
        }
    }

    @Test
    void depthLimitKeepsToTheSeedsNeighbourhood() throws Exception {
        try (SimWeb web = SimWeb.start(SiteSpec.defaults().withHosts(1).withRedirectLoop(false))) {
            TestCrawl crawl = TestCrawl.run(TestCrawl.config(dir.resolve("out.jsonl"), "limits.max-depth=1"),
                    web.seeds());

            assertThat(crawl.records).allSatisfy(r -> assertThat(r.get("depth").asInt()).isLessThanOrEqualTo(1));
            assertThat(crawl.records.stream().map(r -> r.get("depth").asInt())).contains(0, 1);
        }
    }


}
