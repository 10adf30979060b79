package dev.trawl.mode;

import static dev.trawl.mode.TestCrawl.html;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.config.CrawlConfig;
import dev.trawl.fetch.FetchResult;
import dev.trawl.fetch.Fetcher;
import dev.trawl.frontier.Admission;
import dev.trawl.frontier.CrawlUrl;
import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.Lease;
import dev.trawl.frontier.MemoryFrontier;
import dev.trawl.frontier.Scope;
import dev.trawl.robots.RobotsRules;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every request a crawl makes (robots.txt, sitemap, pages, a redirect) tells the frontier once when it goes
 * out, before its lease ends, in every in-process mode and with either async client; and with a delay, no
 * lease goes to a host while one of its requests is unsent. (A processes-mode child runs the same producer
 * over its {@code RoutingFrontier}, which passes {@code sent} on; {@code AllModesIT} crawls that mode.)
 */
class SendTimeTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    private final List<String> served = new CopyOnWriteArrayList<>();

    @BeforeEach
    void serve() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                served.add(path);
                return switch (path) {
                    case "/robots.txt" -> new MockResponse.Builder().setHeader("Content-Type", "text/plain")
                            .body("User-agent: *\nAllow: /\n").build();
                    case "/sitemap.xml" -> new MockResponse.Builder().code(404).build();
                    case "/moved" -> new MockResponse.Builder().code(301).setHeader("Location", "/p1").build();
                    case "/" -> html("<a href=/p1>1</a><a href=/p2>2</a><a href=/p3>3</a><a href=/p4>4</a>"
                            + "<a href=/p5>5</a><a href=/moved>m</a>");
                    default -> html("<title>" + path + "</title>");
                };
            }
        });
    }

    @ParameterizedTest(name = "{0} mode, {1}")
    @CsvSource({"threads, reactor", "virtual, reactor", "async, reactor", "async, okhttp"})
    void everyRequestIsToldSentOnceBeforeItsLeaseEnds(String mode, String client) throws Exception {
        String seed = server.url("/").toString();
        CrawlConfig config = TestCrawl.config(dir.resolve("out.jsonl"), "concurrency.mode=" + mode,
                "concurrency.async-client=" + client, "politeness.delay=5ms");
        Recording frontier = new Recording(new MemoryFrontier(config.politeness(), config.limits(),
                new Scope(config.scope(), List.of(seed)), config.concurrency().maxInFlight(), System::nanoTime));
        frontier.offer(CrawlUrl.of(seed, 0));

        try (Fetcher fetcher = Pipeline.fetcherFor(config, List.of(seed), Optional.empty())) {
            Pipeline pipeline = Pipeline.start(config, frontier, fetcher, (lease, record, links) ->
                    frontier.complete(lease, links));
            CompletableFuture.supplyAsync(() -> {
                try {
                    return pipeline.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }).get(60, TimeUnit.SECONDS);
        }

        assertThat(served).as("robots.txt, the sitemap, the seed, five pages, the redirect").hasSize(9);
        assertThat(frontier.sent).as("one send per request the server read").containsExactlyInAnyOrderElementsOf(served);
        assertThat(frontier.problems).isEmpty();
    }

    /** A frontier that records what it is told and checks the order of sends, leases and ends. */
    private static final class Recording implements Frontier {
        private final MemoryFrontier inner;
        final List<String> sent = new CopyOnWriteArrayList<>();
        final List<String> problems = new CopyOnWriteArrayList<>();
        /** Leases handed out whose request has not gone out, and that have not ended. */
        private final Set<Lease> unsent = ConcurrentHashMap.newKeySet();
        private final Set<Lease> ended = ConcurrentHashMap.newKeySet();

        Recording(MemoryFrontier inner) {
            this.inner = inner;
        }

        /** A lease as handed out: with a delay, none while another to its host is unsent. */
        private Optional<Lease> handedOut(Optional<Lease> lease) {
            lease.filter(l -> l.kind() != Lease.Kind.DISALLOWED).ifPresent(l -> {
                unsent.stream().filter(u -> u.url().host().equals(l.url().host())).forEach(u ->
                        problems.add(l.url().url() + " leased while " + u.url().url() + " was unsent"));
                unsent.add(l);
            });
            return lease;
        }

        /** Taken off the books before the inner frontier hears of it, which may then lease again at once. */
        private void ends(Lease lease) {
            unsent.remove(lease);
            if (!ended.add(lease)) {
                problems.add(lease + " ended twice");
            }
        }

        @Override
        public void sent(Lease lease) {
            if (ended.contains(lease)) {
                problems.add(lease.url().url() + " told sent after it ended");
            }
            if (!unsent.remove(lease)) {
                problems.add(lease.url().url() + " told sent twice");
            }
            // a ROBOTS lease names the first URL waiting on the host; its request is for robots.txt
            sent.add(lease.kind() == Lease.Kind.ROBOTS ? "/robots.txt" : URI.create(lease.url().url()).getRawPath());
            inner.sent(lease);
        }

        @Override
        public Optional<Lease> next() throws InterruptedException {
            return handedOut(inner.next());
        }

        @Override
        public Optional<Lease> poll() {
            return handedOut(inner.poll());
        }

        @Override
        public void robotsLoaded(Lease lease, RobotsRules rules) {
            ends(lease);
            inner.robotsLoaded(lease, rules);
        }

        @Override
        public void sitemapLoaded(Lease lease, List<String> sitemaps, List<String> pages) {
            ends(lease);
            inner.sitemapLoaded(lease, sitemaps, pages);
        }

        @Override
        public void fetched(Lease lease) {
            ends(lease);
            inner.fetched(lease);
        }

        @Override
        public void retry(Lease lease, Duration after) {
            ends(lease);
            inner.retry(lease, after);
        }

        @Override
        public void retry(Lease lease, Duration after, String why) {
            ends(lease);
            inner.retry(lease, after, why);
        }

        @Override
        public Admission offer(CrawlUrl url) {
            return inner.offer(url);
        }

        @Override
        public void observed(Lease lease, FetchResult result) {
            inner.observed(lease, result);
        }

        @Override
        public Map<String, String> slowed() {
            return inner.slowed();
        }

        @Override
        public List<HostWait> waiting() {
            return inner.waiting();
        }

        @Override
        public void complete(Lease lease, List<String> links) {
            inner.complete(lease, links);
        }

        @Override
        public void stop() {
            inner.stop();
        }

        @Override
        public boolean isFinished() {
            return inner.isFinished();
        }

        @Override
        public Snapshot snapshot() {
            return inner.snapshot();
        }
    }
}
