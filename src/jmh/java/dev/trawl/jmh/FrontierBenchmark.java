package dev.trawl.jmh;

import dev.trawl.config.CrawlConfig;
import dev.trawl.config.ScopeKind;
import dev.trawl.frontier.CrawlUrl;
import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.Lease;
import dev.trawl.frontier.MemoryFrontier;
import dev.trawl.frontier.Scope;
import dev.trawl.robots.RobotsRules;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The frontier's hot operations: offering a new URL and leasing, sending, fetching and completing it; and offering
 * a URL already seen (a seen-set lookup, which is what most of a page's ~90 links are), with a seen-set of
 * {@code seen} URLs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@org.openjdk.jmh.annotations.State(org.openjdk.jmh.annotations.Scope.Benchmark)
public class FrontierBenchmark {
    private static final String HOST = "http://127.0.0.1:19280/";

    @Param({"100000", "1000000"})
    public int seen;

    private Frontier frontier;
    private long next;

    @Setup(Level.Trial)
    public void setUp() {
        var politeness = new CrawlConfig.Politeness(Duration.ZERO, 64, false, "maximumSize=100",
                Duration.ofSeconds(10), Duration.ofSeconds(10), false, CrawlConfig.Politeness.DEFAULT_MAX_SITEMAP_URLS, CrawlConfig.Adaptive.DEFAULTS);
        var scope = new Scope(new CrawlConfig.Scope(ScopeKind.HOST, List.of(), List.of()), List.of(HOST));
        // every URL is on one host: lift the per-host page cap, or past it every lease is a DISALLOWED trap
        var traps = new CrawlConfig.Traps(50, 2, 2048, 32, Long.MAX_VALUE, CrawlConfig.Traps.DEFAULT_SESSION_PARAMS, true);
        frontier = new MemoryFrontier(politeness, new CrawlConfig.Limits(Integer.MAX_VALUE, 1000, traps), scope, 1 << 20,
                System::nanoTime);
        for (int i = 0; i < seen; i++) {
            cycle(HOST + "docs/page" + i + ".html");
        }
    }

    private void cycle(String url) {
        frontier.offer(CrawlUrl.of(url, 1));
        Optional<Lease> lease = frontier.poll();
        while (lease.isPresent() && lease.get().kind() == Lease.Kind.ROBOTS) {
            frontier.robotsLoaded(lease.get(), RobotsRules.ALLOW_ALL);
            lease = frontier.poll();
        }
        lease.ifPresent(l -> {
            frontier.sent(l);
            frontier.fetched(l);
            frontier.complete(l, List.of());
        });
    }

    @Benchmark
    public void offerNewThenLeaseAndComplete() {
        cycle(HOST + "docs/new" + next++ + ".html");
    }

    @Benchmark
    public Object offerSeen() {
        return frontier.offer(CrawlUrl.of(HOST + "docs/page" + (next++ % seen) + ".html", 2));
    }
}
