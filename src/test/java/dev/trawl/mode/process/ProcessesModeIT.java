package dev.trawl.mode.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.config.ConfigLoader;
import dev.trawl.config.ConfigOverride;
import dev.trawl.config.CrawlConfig;
import dev.trawl.mode.CrawlFailedException;
import dev.trawl.sim.SimWeb;
import dev.trawl.sim.SiteSpec;
import dev.trawl.sink.CrawlRecord;
import dev.trawl.sink.Sink;
import dev.trawl.stats.Summary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child JVMs crawling the simulated web. */
class ProcessesModeIT {

    @TempDir
    Path dir;

    private final StringWriter logText = new StringWriter();
    private final PrintWriter log = new PrintWriter(logText, true);

    @AfterEach
    void noChildOutlivesItsTest() {
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive))
                        .isEmpty());
    }

    @Test
    void twoWorkersFetchEveryExpectedUrlExactlyOnceAndNeverADisallowedOne() throws Exception {
        try (SimWeb web = SimWeb.start(SiteSpec.defaults())) {
            Path out = dir.resolve("crawl.jsonl");
            Summary summary = crawl(web, out, n -> { }, Optional.empty());

            assertThat(statuses(out)).isEqualTo(web.expected());
            assertThat(web.hitCounts()).isEqualTo(ones(web.expected()));
            assertThat(web.disallowed()).isNotEmpty().allSatisfy(url -> assertThat(web.hits(url)).isZero());
            assertThat(summary.interrupted()).isFalse();
            assertThat(summary.records()).isEqualTo(lines(out).size());
        }
    }

    @Test
    void aKilledChildIsRestartedAndItsUnfinishedUrlsAreRequeued() throws Exception {
        try (SimWeb web = SimWeb.start(SiteSpec.defaults().withLatency(Duration.ofMillis(10)))) {
            Path out = dir.resolve("crawl.jsonl");
            AtomicInteger killed = new AtomicInteger(-1);
            List<Coordinator> running = new ArrayList<>(1);
            crawl(web, out, n -> {
                if (n == 150) {
                    long pid = running.getFirst().workerPids().get(1);
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                    killed.set(1);
                }
            }, Optional.of(running));

            assertThat(killed).hasValue(1);
            assertThat(statuses(out)).isEqualTo(web.expected());
            assertThat(running.getFirst().restarts()).singleElement().asString()
                    .matches("worker 1 died \\(exit 137\\); restarted; \\d+ URLs re-queued");
            assertThat(running.getFirst().report()).hasValueSatisfying(
                    line -> assertThat(line).contains("1 restart: worker 1 died (exit 137)"));
            assertThat(logText.toString()).contains("trawl: worker 1 died (exit 137); restarted;");
        }
    }

    @Test
    void stopMidCrawlFlushesWholeRecordsAndEndsEveryChild() throws Exception {
        try (SimWeb web = SimWeb.start(SiteSpec.defaults().withLatency(Duration.ofMillis(20)))) {
            Path out = dir.resolve("crawl.jsonl");
            CountDownLatch someRecords = new CountDownLatch(1);
            Summary summary;
            try (Sink sink = counting(Sink.jsonl(out), n -> {
                        if (n == 100) {
                            someRecords.countDown();
                        }
                    });
                    Coordinator coordinator = Coordinator.start(config(out), web.seeds(), sink, log)) {
                assertThat(someRecords.await(60, TimeUnit.SECONDS)).isTrue();
                coordinator.stop();
                summary = coordinator.await();
            }

            assertThat(summary.interrupted()).isTrue();
            dev.trawl.audit.AuditAssert.assertPolite(summary);
            List<JsonNode> records = lines(out);
            assertThat(records).hasSizeBetween(100, web.expected().size() - 1);
            assertThat(summary.records()).isEqualTo(records.size());
            assertThat(records).extracting(r -> r.get("url").asText()).doesNotHaveDuplicates();
        }
    }

    @Test
    void aWorkerThatCannotStartFailsTheCrawlAfterItsRestarts() throws Exception {
        try (SimWeb web = SimWeb.start(SiteSpec.defaults().withHosts(1).withPagesPerHost(5))) {
            Path out = dir.resolve("crawl.jsonl");
            CrawlConfig config = config(out, ConfigOverride.of("concurrency.worker-jvm-options", "-Xmx1k"));
            try (Sink sink = Sink.jsonl(out); Coordinator coordinator = Coordinator.start(config, web.seeds(), sink, log)) {
                assertThatThrownBy(coordinator::await)
                        .isInstanceOf(CrawlFailedException.class)
                        .hasMessageMatching("worker \\d died 4 times \\(last: exit 1\\); giving up");
            }
            assertThat(logText.toString()).contains("] Error occurred during initialization of VM");
        }
    }

    /**
     * What a child's frontier knows of its hosts' pace reaches the coordinator, as it does the progress line
     * and summary of an in-process crawl: a host whose robots.txt answers 503 shows as waiting while it waits,
     * and a host that answered 503 to pages is named slowed in the summary.
     */
    @Test
    void hostsWaitingOnAFailureAndHostsSlowedAreKnownToTheCoordinator() throws Exception {
        try (MockWebServer unavailable = new MockWebServer(); MockWebServer busy = new MockWebServer()) {
            unavailable.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return new MockResponse.Builder().code(request.getUrl().encodedPath().equals("/robots.txt") ? 503 : 200)
                            .build();
                }
            });
            AtomicInteger pages = new AtomicInteger();
            busy.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    String path = request.getUrl().encodedPath();
                    if (path.equals("/robots.txt") || path.equals("/sitemap.xml")) {
                        return new MockResponse.Builder().code(404).build();
                    }
                    if (path.startsWith("/p") && pages.getAndIncrement() < 2) {
                        return new MockResponse.Builder().code(503).build();
                    }
                    return new MockResponse.Builder().setHeader("Content-Type", "text/html")
                            .body(path.equals("/") ? "<a href=/p1>1</a><a href=/p2>2</a><a href=/p3>3</a>" : "page")
                            .build();
                }
            });
            unavailable.start();
            busy.start();
            String waitingHost = unavailable.url("/").host() + ":" + unavailable.getPort();
            String slowedHost = busy.url("/").host() + ":" + busy.getPort();
            Path out = dir.resolve("pace.jsonl");
            CrawlConfig config = config(out, ConfigOverride.of("politeness.robots-error-retry", "2s"),
                    ConfigOverride.of("politeness.per-host", "1"), ConfigOverride.of("politeness.backoff-step", "100ms"),
                    ConfigOverride.of("fetch.retries", "3"), ConfigOverride.of("fetch.retry-backoff", "10ms"));

            try (Sink sink = Sink.jsonl(out); Coordinator coordinator = Coordinator.start(config,
                    List.of(unavailable.url("/").toString(), busy.url("/").toString()), sink, log)) {
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(coordinator.progress().waiting())
                        .anySatisfy(wait -> {
                            assertThat(wait.host()).isEqualTo(waitingHost);
                            assertThat(wait.why()).startsWith("robots.txt ").contains(" of 3)");
                            assertThat(wait.left()).isLessThanOrEqualTo(Duration.ofSeconds(2));
                        }));
                Summary summary = coordinator.await();

                assertThat(summary.slowedHosts()).containsOnlyKeys(slowedHost);
                assertThat(summary.slowedHosts().get(slowedHost)).startsWith("503 x2");
                assertThat(summary.render()).contains("slowed     1 host: " + slowedHost + " (503 x2");
                assertThat(coordinator.progress().waiting()).as("nothing waits once the crawl is over").isEmpty();
            }
        }
    }

    /** Crawls {@code web} with two workers; {@code onRecord} sees the count after each record written. */
    private Summary crawl(SimWeb web, Path out, IntConsumer onRecord, Optional<List<Coordinator>> expose)
            throws IOException, InterruptedException {
        try (Sink sink = counting(Sink.jsonl(out), onRecord)) {
            Coordinator coordinator = Coordinator.start(config(out), web.seeds(), sink, log);
            try (coordinator) {
                expose.ifPresent(list -> list.add(coordinator));
                Summary summary = coordinator.await();
                dev.trawl.audit.AuditAssert.assertPolite(summary);
                return summary;
            }
        }
    }

    private CrawlConfig config(Path out, ConfigOverride... more) {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.of("politeness.delay", "0"),
                ConfigOverride.of("politeness.per-host", "4"),
                ConfigOverride.of("limits.max-pages", "1000000"),
                ConfigOverride.of("limits.max-depth", "1000"),
                ConfigOverride.of("concurrency.mode", "processes"),
                ConfigOverride.of("concurrency.workers", "2"),
                ConfigOverride.of("concurrency.producers", "8"),
                ConfigOverride.of("output.out", out.toString()),
                ConfigOverride.of("output.progress", "off")));
        overrides.addAll(List.of(more));
        return ConfigLoader.load(Optional.empty(), overrides);
    }

    private static Sink counting(Sink sink, IntConsumer onRecord) {
        AtomicInteger count = new AtomicInteger();
        return new Sink() {
            @Override
            public void write(CrawlRecord record) {
                sink.write(record);
                onRecord.accept(count.incrementAndGet());
            }

            @Override
            public void flush() {
                sink.flush();
            }

            @Override
            public void close() throws IOException {
                sink.close();
            }
        };
    }

    private static List<JsonNode> lines(Path out) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            records.add(json.readTree(line));
        }
        return records;
    }

    /** URL to status of every record with a response; fails on a URL recorded twice. */
    private static Map<String, Integer> statuses(Path out) throws IOException {
        Map<String, Integer> statuses = new HashMap<>();
        List<JsonNode> records = lines(out);
        assertThat(records).extracting(r -> r.get("url").asText()).doesNotHaveDuplicates();
        for (JsonNode record : records) {
            if (!record.get("status").isNull()) {
                statuses.put(record.get("url").asText(), record.get("status").asInt());
            }
        }
        return statuses;
    }

    private static Map<String, Integer> ones(Map<String, Integer> expected) {
        Map<String, Integer> ones = new HashMap<>();
        expected.keySet().forEach(url -> ones.put(url, 1));
        return ones;
    }
}
