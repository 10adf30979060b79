package dev.trawl.mode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host that answers 503 gets wider gaps between requests, and the summary names it. */
class AdaptivePolitenessTest {
    private static final Duration DELAY = Duration.ofMillis(50);
    private static final Duration STEP = Duration.ofMillis(200);

    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    /** One request as the server saw it. */
    private record Arrival(String path, long nanos, int status) {}

    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();

    /** Serves a page linking six others; the first {@code unavailable} requests for those get a 503. */
    private void serve(int unavailable) {
        AtomicInteger pageRequests = new AtomicInteger();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                long now = System.nanoTime();
                MockResponse response;
                if (path.equals("/robots.txt")) {
                    response = new MockResponse.Builder().code(404).build();
                } else if (path.startsWith("/p") && pageRequests.getAndIncrement() < unavailable) {
                    response = new MockResponse.Builder().code(503).build();
                } else {
                    String body = path.equals("/")
                            ? "<a href=/p1>1</a><a href=/p2>2</a><a href=/p3>3</a><a href=/p4>4</a>"
                                    + "<a href=/p5>5</a><a href=/p6>6</a>"
                            : "<title>" + path + "</title>";
                    response = new MockResponse.Builder().setHeader("Content-Type", "text/html").body(body).build();
                }
                arrivals.add(new Arrival(path, now, response.getCode()));
                return response;
            }
        });
    }

    private TestCrawl crawl(String... overrides) throws Exception {
        List<String> all = new java.util.ArrayList<>(List.of("politeness.delay=" + DELAY.toMillis() + "ms",
                "politeness.per-host=1", "politeness.backoff-step=" + STEP.toMillis() + "ms", "fetch.retries=3"));
        all.addAll(List.of(overrides));
        return TestCrawl.run(TestCrawl.config(dir.resolve("out.jsonl"), all.toArray(String[]::new)),
                List.of(server.url("/").toString()));
    }

    @Test
    void a503WidensTheGapsAndTheSummaryNamesTheHost() throws Exception {
        serve(2);

        TestCrawl crawl = crawl();

        assertThat(crawl.records).hasSize(7);
        assertThat(arrivals).filteredOn(a -> a.status() == 503).hasSize(2);
        // after the second 503 the host's extra gap is two steps (400 ms) on top of the 50 ms delay; it
        // recovers only after recover-after (10) healthy responses, more than this crawl has
        int lastUnavailable = lastIndexOf503();
        List<Arrival> after = arrivals.subList(lastUnavailable, arrivals.size());
        assertThat(after).hasSizeGreaterThanOrEqualTo(6);
        for (int i = 1; i < after.size(); i++) {
            long gapMillis = Duration.ofNanos(after.get(i).nanos() - after.get(i - 1).nanos()).toMillis();
            // generous slack: well above the configured delay, a little under the 450 ms expected
            assertThat(gapMillis).as("gap before %s", after.get(i).path()).isGreaterThanOrEqualTo(4 * DELAY.toMillis());
        }
        String host = server.url("/").host() + ":" + server.getPort();
        assertThat(crawl.summary.slowedHosts()).containsOnlyKeys(host);
        assertThat(crawl.summary.slowedHosts().get(host)).startsWith("503 x2").contains("peak 400ms");
        assertThat(crawl.summary.render()).contains("slowed     1 host: " + host + " (503 x2");
    }

    @Test
    void switchedOffTheHostIsNotSlowed() throws Exception {
        serve(2);

        TestCrawl crawl = crawl("politeness.adaptive=false");

        assertThat(crawl.records).hasSize(7);
        assertThat(crawl.summary.slowedHosts()).isEmpty();
        assertThat(crawl.summary.render()).doesNotContain("slowed");
    }

    private int lastIndexOf503() {
        for (int i = arrivals.size() - 1; i >= 0; i--) {
            if (arrivals.get(i).status() == 503) {
                return i;
            }
        }
        throw new AssertionError("no 503 served: " + arrivals);
    }
}
