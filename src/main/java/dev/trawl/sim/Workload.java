package dev.trawl.sim;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The named workloads of the simulated web: a site and the crawl limits that make it measure one thing.
 * {@code trawl serve --workload NAME} serves the site; {@code trawl bench --workload NAME} crawls it with
 * these limits in every mode. Every field can still be overridden by a flag.
 */
public enum Workload {
    /** Waiting dominates: many hosts, light pages, web-like latency. */
    IO("many hosts, light pages, log-normal latency around 50 ms: waiting dominates, so what wins is keeping"
            + " requests in flight cheaply (the bound is requests in flight / mean latency)",
            SiteSpec.builder().hosts(50).pagesPerHost(200).linksPerPage(8).pageBytes(4_000)
                    .latency(new Latency.LogNormal(Duration.ofMillis(50), Duration.ofMillis(250)))
                    .robotsDisallowRate(0.1).domain(Optional.of("sim.test")).build(),
            4, 64),
    /**
     * Parsing dominates: no latency, heavy pages. 2,400 pages a host, not 600 or 1,200: a 6 s crawl gave a second
     * of it to JVM start-up and the JIT, and this host's cores swing in speed by up to 1.3x every few seconds, which
     * a run of 8 s averages more of than one of 4 s. It does not remove the swing, whose phases last 8-16 s (how
     * often the spread still passes 10%, and what was tried against it: the README's bench section); the bench
     * takes about 2 minutes, and processes mode's start-up weighs half.
     */
    CPU("few hosts, heavy pages (48 KB, dense markup), no latency: parsing dominates, so what wins is spending"
            + " the least CPU per page (the bound is the parse-only rate on all cores)",
            SiteSpec.builder().hosts(4).pagesPerHost(2_400).linksPerPage(8).pageBytes(48_000).markupDensity(0.5)
                    .domain(Optional.of("sim.test")).build(),
            8, 32),
    /** Some of each. */
    MIXED("20 hosts, medium pages, log-normal latency around 20 ms, 1% failing pages: neither waiting nor"
            + " parsing alone decides",
            SiteSpec.builder().hosts(20).pagesPerHost(300).linksPerPage(8).pageBytes(16_000).markupDensity(0.2)
                    .latency(new Latency.LogNormal(Duration.ofMillis(20), Duration.ofMillis(200)))
                    .errorRate(0.01).robotsDisallowRate(0.1).domain(Optional.of("sim.test")).build(),
            4, 64),
    /** Very many slow requests in flight: what a thread per request costs. */
    IO_WIDE("200 hosts x 10 requests in flight, 1 s latency, 2 KB pages: 2,000 requests waiting at once, which"
            + " a thread per request pays for in memory and a selector does not. Every host needs its robots.txt"
            + " and its seed page (a second each) before links are known, and 10 in flight only once a few"
            + " pages are in, so whole-process rates include seconds of ramp: the steady rate (middle 80% of"
            + " the pages) is the one to hold against the 2,000 pages/s bound",
            SiteSpec.builder().hosts(200).pagesPerHost(100).linksPerPage(8).pageBytes(2_000)
                    .latency(new Latency.Fixed(Duration.ofSeconds(1)))
                    .domain(Optional.of("sim.test")).build(),
            10, 2_000);

    private final String measures;
    private final SiteSpec spec;
    private final int perHost;
    private final int maxInFlight;

    Workload(String measures, SiteSpec spec, int perHost, int maxInFlight) {
        this.measures = measures;
        this.spec = spec;
        this.perHost = perHost;
        this.maxInFlight = maxInFlight;
    }

    /** The name on the command line: {@code io}, {@code cpu}, {@code mixed}, {@code io-wide}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** What the workload measures, in a sentence. */
    public String measures() {
        return measures;
    }

    /** The site. */
    public SiteSpec spec() {
        return spec;
    }

    /** Requests in flight to one host that a crawl of this workload allows. */
    public int perHost() {
        return perHost;
    }

    /** Requests in flight over all hosts that a crawl of this workload allows. */
    public int maxInFlight() {
        return maxInFlight;
    }

    /** The workload called {@code label}, or an exception listing the names there are. */
    public static Workload of(String label) {
        return Arrays.stream(values()).filter(w -> w.label().equals(label.strip().toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown workload '" + label + "'; expected one of "
                        + Arrays.stream(values()).map(Workload::label).collect(Collectors.joining(", "))));
    }
}
