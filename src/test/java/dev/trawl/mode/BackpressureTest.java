package dev.trawl.mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trawl.config.CrawlConfig;
import dev.trawl.config.Mode;
import dev.trawl.sim.SimWeb;
import dev.trawl.sim.SiteSpec;
import dev.trawl.sink.CrawlRecord;
import dev.trawl.sink.Sink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A stalled consumer stops the crawl from fetching further: memory is bounded by the queue, not the site. */
class BackpressureTest {
    private static final int QUEUE = 4;
    private static final int MAX_IN_FLIGHT = 16;

    @TempDir
    Path dir;

    /** A sink that blocks every write until released. */
    private static final class StalledSink implements Sink {
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void write(CrawlRecord record) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {
            release.countDown();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"THREADS", "ASYNC", "VIRTUAL"})
    void stalledConsumersStopTheFetchingWithinTheQueueBound(Mode mode) throws Exception {
        try (SimWeb web = SimWeb.start(SiteSpec.defaults().withHosts(2).withPagesPerHost(500))) {
            CrawlConfig config = TestCrawl.config(dir.resolve("out.jsonl"), "concurrency.mode=" + mode.cliName(),
                    "concurrency.queue-capacity=" + QUEUE, "concurrency.consumers=1",
                    "concurrency.max-in-flight=" + MAX_IN_FLIGHT, "concurrency.producers=8");
            StalledSink sink = new StalledSink();
            try (Pipeline pipeline = Pipeline.start(config, web.seeds(), sink)) {
                // one record in the stalled consumer, a full queue, a queue's worth parsed and waiting to be
                // queued, and what is fetched and waiting to parse (bounded by max-in-flight)
                long bound = 1 + QUEUE + QUEUE + MAX_IN_FLIGHT + 2 * web.seeds().size() /* robots.txt, sitemap.xml */;
                await().atMost(Duration.ofSeconds(20)).until(() -> web.totalRequests() >= QUEUE);
                await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(20))
                        .until(() -> web.totalRequests() <= bound);
                assertThat(web.totalRequests()).isLessThanOrEqualTo(bound);

                sink.release.countDown();
                pipeline.await();
            }
            assertThat(web.hitCounts().keySet()).containsExactlyInAnyOrderElementsOf(web.expected().keySet());
        }
    }
}
