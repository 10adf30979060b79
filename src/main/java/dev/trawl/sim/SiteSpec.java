package dev.trawl.sim;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The shape of a simulated web: how many hosts and pages, how pages link, how the servers behave.
 * Everything the site contains follows from this record, so the same spec always yields the same
 * pages, links and {@link SimWeb#expected()} (up to the ephemeral ports the hosts are given).
 *
 * <p>Immutable and thread-safe. The compact constructor validates, naming the field at fault.
 *
 * @param hosts          how many hosts, each its own server on 127.0.0.1 with its own port
 * @param pagesPerHost   pages per host; page 0 is {@code /}, page p is {@code /p/p.html}
 * @param linksPerPage   links per page: {@code max(1, linksPerPage / 2)} tree children, the rest random
 * @param pageBytes      roughly how large each HTML page is
 * @param seed           seed of everything pseudo-random about the site
 * @param latency        how long each response is held back before its headers are written
 * @param latencyJitter  uniform jitter around {@code latency}, at most {@code latency}
 * @param brokenLinkRate fraction of pages that also link to a {@code /missing/} page (404)
 * @param redirectRate   fraction of pages that also link to a {@code /r/} page (301 to a real page)
 * @param privateSection whether robots.txt disallows {@code /private/} and some pages link there
 * @param crawlDelay     the {@code Crawl-delay} robots.txt announces, if any
 * @param redirectLoop   whether {@code /} of host 0 links to {@code /loop/a}, which 302s back and forth
 * @param gzip           whether responses are gzipped for clients that accept it
 * @param basePort       port of host 0, host h gets {@code basePort + h}; 0 means ephemeral ports
 */
public record SiteSpec(
        int hosts,
        int pagesPerHost,
        int linksPerPage,
        int pageBytes,
        long seed,
        Duration latency,
        Duration latencyJitter,
        double brokenLinkRate,
        double redirectRate,
        boolean privateSection,
        Optional<Duration> crawlDelay,
        boolean redirectLoop,
        boolean gzip,
        int basePort) {

    /** Upper bound on {@link #hosts()}: each host costs a listening socket and a dispatcher thread. */
    public static final int MAX_HOSTS = 1024;

    public SiteSpec {
        requireBetween(hosts, 1, MAX_HOSTS, "hosts");
        requireBetween(pagesPerHost, 1, 10_000_000, "pagesPerHost");
        requireBetween(linksPerPage, 1, 10_000, "linksPerPage");
        requireBetween(pageBytes, 0, 64 * 1024 * 1024, "pageBytes");
        requireNotNegative(latency, "latency");
        requireNotNegative(latencyJitter, "latencyJitter");
        if (latencyJitter.compareTo(latency) > 0) {
            throw new IllegalArgumentException(
                    "latencyJitter must not exceed latency: " + latencyJitter + " > " + latency);
        }
        requireRate(brokenLinkRate, "brokenLinkRate");
        requireRate(redirectRate, "redirectRate");
        Objects.requireNonNull(crawlDelay, "crawlDelay");
        crawlDelay.ifPresent(delay -> requireNotNegative(delay, "crawlDelay"));
        if (basePort != 0) {
            requireBetween(basePort, 1, 65_536 - hosts, "basePort");
        }
    }

    /**
     * A medium site: 4 hosts of 250 pages, 8 links and about 14 KB each, a few broken links and
     * redirects, a private section, a redirect loop, no latency, no crawl delay, ephemeral ports.
     */
    public static SiteSpec defaults() {
        return new SiteSpec(4, 250, 8, 14_000, 42L, Duration.ZERO, Duration.ZERO, 0.02, 0.02, true,
                Optional.empty(), true, false, 0);
    }

    /** The number of pages over all hosts. */
    public long totalPages() {
        return (long) hosts * pagesPerHost;
    }

    public SiteSpec withHosts(int hosts) {
        return new SiteSpec(hosts, pagesPerHost, linksPerPage, pageBytes, seed, latency, latencyJitter,
                brokenLinkRate, redirectRate, privateSection, crawlDelay, redirectLoop, gzip, basePort);
    }

    public SiteSpec withPagesPerHost(int pagesPerHost) {
        return new SiteSpec(hosts, pagesPerHost, linksPerPage, pageBytes, seed, latency, latencyJitter,
                brokenLinkRate, redirectRate, privateSection, crawlDelay, redirectLoop, gzip, basePort);
    }

    public SiteSpec withLinksPerPage(int linksPerPage) {
        return new SiteSpec(hosts, pagesPerHost, linksPerPage, pageBytes, seed, latency, latencyJitter,
                brokenLinkRate, redirectRate, privateSection, crawlDelay, redirectLoop, gzip, basePort);
    }

    public SiteSpec withPageBytes(int pageBytes) {
        return new SiteSpec(hosts, pagesPerHost, linksPerPage, pageBytes, seed, latency, latencyJitter,
                brokenLinkRate, redirectRate, privateSection, crawlDelay, redirectLoop, gzip, basePort);
    }

    public SiteSpec withSeed(long seed) {
        return new SiteSpec(hosts, pagesPerHost, linksPerPage, pageBytes, seed, latency, latencyJitter,
                brokenLinkRate, redirectRate, privateSection, crawlDelay, redirectLoop, gzip, basePort);
    }

    /** Fixed latency, no jitter. */
    public SiteSpec withLatency(Duration latency) {
        return withLatency(latency, Duration.ZERO);
    }

    public SiteSpec withLatency(Duration latency, Duration latencyJitter) {
        return new SiteSpec(hosts, pagesPerHost, linksPerPage, pageBytes, seed, latency, latencyJitter,
                brokenLinkRate, redirectRate, privateSection, crawlDelay, redirectLoop, gzip, basePort);
    }

    public SiteSpec withBrokenLinkRate(double brokenLinkRate) {
        return new SiteSpec(hosts, pagesPerHost, linksPerPage, pageBytes, seed, latency, latencyJitter,
                brokenLinkRate, redirectRate, privateSection, crawlDelay, redirectLoop, gzip, basePort);
    }

    public SiteSpec withRedirectRate(double redirectRate) {
        return new SiteSpec(hosts, pagesPerHost, linksPerPage, pageBytes, seed, latency, latencyJitter,
                brokenLinkRate, redirectRate, privateSection, crawlDelay, redirectLoop, gzip, basePort);
    }

    public SiteSpec withPrivateSection(boolean privateSection) {
        return new SiteSpec(hosts, pagesPerHost, linksPerPage, pageBytes, seed, latency, latencyJitter,
                brokenLinkRate, redirectRate, privateSection, crawlDelay, redirectLoop, gzip, basePort);
    }

    public SiteSpec withCrawlDelay(Duration crawlDelay) {
        return new SiteSpec(hosts, pagesPerHost, linksPerPage, pageBytes, seed, latency, latencyJitter,
                brokenLinkRate, redirectRate, privateSection, Optional.of(crawlDelay), redirectLoop, gzip,
                basePort);
    }

    public SiteSpec withoutCrawlDelay() {
        return new SiteSpec(hosts, pagesPerHost, linksPerPage, pageBytes, seed, latency, latencyJitter,
                brokenLinkRate, redirectRate, privateSection, Optional.empty(), redirectLoop, gzip, basePort);
    }

    public SiteSpec withRedirectLoop(boolean redirectLoop) {
        return new SiteSpec(hosts, pagesPerHost, linksPerPage, pageBytes, seed, latency, latencyJitter,
                brokenLinkRate, redirectRate, privateSection, crawlDelay, redirectLoop, gzip, basePort);
    }

    public SiteSpec withGzip(boolean gzip) {
        return new SiteSpec(hosts, pagesPerHost, linksPerPage, pageBytes, seed, latency, latencyJitter,
                brokenLinkRate, redirectRate, privateSection, crawlDelay, redirectLoop, gzip, basePort);
    }

    public SiteSpec withBasePort(int basePort) {
        return new SiteSpec(hosts, pagesPerHost, linksPerPage, pageBytes, seed, latency, latencyJitter,
                brokenLinkRate, redirectRate, privateSection, crawlDelay, redirectLoop, gzip, basePort);
    }

    private static void requireBetween(int value, int min, int max, String field) {
        if (value < min) {
            throw new IllegalArgumentException(field + " must be at least " + min + ": " + value);
        }
        if (value > max) {
            throw new IllegalArgumentException(field + " must be at most " + max + ": " + value);
        }
    }

    private static void requireNotNegative(Duration value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isNegative()) {
            throw new IllegalArgumentException(field + " must not be negative: " + value);
        }
    }

    private static void requireRate(double value, String field) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(field + " must be between 0 and 1: " + value);
        }
    }
}
