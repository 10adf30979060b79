package dev.trawl.mode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.config.CrawlConfig;
import dev.trawl.sim.SimWeb;
import dev.trawl.sim.SiteSpec;
import dev.trawl.sink.Sink;
import dev.trawl.stats.Summary;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code --mode async} on the reactor is for: hundreds of slow requests really in flight at once
 * (counted by the server), on a handful of threads. OkHttp's {@code enqueue}, the same crawl, needs a
 * thread per request in flight (it also ramps up slower, so it is held to its own peak): the contrast
 * shows the thread count measures what it should.
 */
class AsyncInFlightTest {
    private static final int IN_FLIGHT = 300;

    @TempDir
    Path dir;

    /** One host, pages that each link to 40 others, every response held back half a second. */
    private static final SiteSpec SLOW_WIDE = SiteSpec.defaults().withHosts(1).withPagesPerHost(900)
            .withLinksPerPage(40).withPageBytes(2_000).withLatency(Duration.ofMillis(500));

    @Test
    void reactorHoldsHundredsOfRequestsInFlightOnAFewThreads() throws Exception {
        try (SimWeb web = SimWeb.start(SLOW_WIDE)) {
            Crawled crawled = crawl(web, "reactor");

            assertThat(crawled.summary().records()).isGreaterThan(800);
            assertThat(web.maxConcurrent(web.origins().getFirst())).as("requests in flight at once, server-side")
                    .isGreaterThanOrEqualTo(IN_FLIGHT * 9 / 10);
            assertThat(crawled.threadsAdded()).as("platform threads the crawl added at its peak")
                    .isLessThanOrEqualTo(24);
        }
    }

    @Test
    void okHttpNeedsAThreadPerRequestInFlightForTheSameCrawl() throws Exception {
        try (SimWeb web = SimWeb.start(SLOW_WIDE)) {
            Crawled crawled = crawl(web, "okhttp");

            int inFlight = web.maxConcurrent(web.origins().getFirst());
            assertThat(inFlight).as("requests in flight at once, server-side").isGreaterThan(100);
            assertThat(crawled.threadsAdded()).as("platform threads the crawl added at its peak")
                    .isGreaterThanOrEqualTo(inFlight * 9 / 10);
        }
    }

    private record Crawled(Summary summary, int threadsAdded) {}

    private Crawled crawl(SimWeb web, String client) throws Exception {
        CrawlConfig config = TestCrawl.config(dir.resolve(client + ".jsonl"), "concurrency.mode=async",
                "concurrency.async-client=" + client, "concurrency.max-in-flight=" + IN_FLIGHT,
                "politeness.per-host=" + IN_FLIGHT, "politeness.delay=0", "limits.max-depth=10");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int before = threads.getThreadCount();
        threads.resetPeakThreadCount();
        Summary summary;
        try (Sink sink = Sink.jsonl(config.output().outs().get(0)); Pipeline pipeline = Pipeline.start(config, web.seeds(), sink)) {
            summary = pipeline.await();
        }
        dev.trawl.audit.AuditAssert.assertPolite(summary);
        return new Crawled(summary, threads.getPeakThreadCount() - before);
    }
}
