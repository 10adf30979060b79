package dev.trawl.sim;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The shape of a simulated web: how many hosts and pages, how pages link, how heavy they are to parse,
 * how the servers behave. Everything the site contains follows from this record, so the same spec always
 * yields the same pages, links, latencies and {@link SimWeb#expected()} (up to the ephemeral ports).
 *
 * <p>Immutable and thread-safe. The compact constructor validates, naming the field at fault. Build one
 * with {@link #builder()} or change one field of another with its {@code with…} method.
 *
 * @param hosts          how many hosts, each its own server on 127.0.0.1 with its own port
 * @param pagesPerHost   pages per host; page 0 is {@code /}, page p is {@code /p/p.html}
 * @param linksPerPage   links per page: {@code max(1, linksPerPage / 2)} tree children, the rest random
 * @param pageBytes      roughly how large each HTML page is
 * @param markupDensity  share of words wrapped in an inline element of their own (0 to 1): more elements
 *                       per kilobyte, so more parsing CPU per page
 * @param seed           seed of everything pseudo-random about the site
 * @param latency        how long each response is held back before its headers are written
 * @param brokenLinkRate fraction of pages that also link to a {@code /missing/} page (404)
 * @param redirectRate   fraction of pages that also link to a {@code /r/} page (301 to a real page)
 * @param errorRate      fraction of pages (never a root) that answer 503 Service Unavailable, every time
 * @param privateSection whether robots.txt disallows {@code /private/} and some pages link there
 * @param robotsDisallowRate fraction of hosts whose robots.txt also disallows {@code /p/1} (pages 1, 10-19,
 *                       100-199…), so hosts differ in what they allow
 * @param crawlDelay     the {@code Crawl-delay} robots.txt announces, if any
 * @param redirectLoop   whether {@code /} of host 0 links to {@code /loop/a}, which 302s back and forth
 * @param gzip           whether responses are gzipped for clients that accept it
 * @param domain         if present, host h is named {@code h<h>.<domain>} in every URL and link, and a
 *                       crawler resolves those names to 127.0.0.1 ({@link SimWeb#resolveRules()});
 *                       if empty, URLs say {@code 127.0.0.1}
 * @param basePort       port of host 0, host h gets {@code basePort + h}; 0 means ephemeral ports
 * @param traps          whether the site is hostile the way the real web is: every root also links to an
 *                       endless calendar ({@code /cal?m=0} links to {@code ?m=1}, and so on without end), and
 *                       some links carry a session id ({@code ;jsessionid=…} in the path, {@code sid=…} or
 *                       {@code utm_source=…} in the query) that a crawler must strip to see the page it
 *                       already knows
 * @param sitemaps       whether each host's robots.txt names a sitemap index, which lists a gzipped sitemap of
 *                       the root and {@link #SITEMAP_ONLY_PAGES} pages ({@code /only/n.html}) no page links to
 */
public record SiteSpec(
        int hosts,
        int pagesPerHost,
        int linksPerPage,
        int pageBytes,
        double markupDensity,
        long seed,
        Latency latency,
        double brokenLinkRate,
        double redirectRate,
        double errorRate,
        boolean privateSection,
        double robotsDisallowRate,
        Optional<Duration> crawlDelay,
        boolean redirectLoop,
        boolean gzip,
        Optional<String> domain,
        int basePort,
        boolean traps,
        boolean sitemaps) {

    /** Upper bound on {@link #hosts()}: each host costs a listening socket and a dispatcher thread. */
    public static final int MAX_HOSTS = 1024;

    /** Pages per host found only through the sitemap, when {@link #sitemaps()} is on. */
    public static final int SITEMAP_ONLY_PAGES = 3;

    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    public SiteSpec {
        requireBetween(hosts, 1, MAX_HOSTS, "hosts");
        requireBetween(pagesPerHost, 1, 10_000_000, "pagesPerHost");
        requireBetween(linksPerPage, 1, 10_000, "linksPerPage");
        requireBetween(pageBytes, 0, 64 * 1024 * 1024, "pageBytes");
        requireRate(markupDensity, "markupDensity");
        Objects.requireNonNull(latency, "latency");
        requireRate(brokenLinkRate, "brokenLinkRate");
        requireRate(redirectRate, "redirectRate");
        requireRate(errorRate, "errorRate");
        requireRate(robotsDisallowRate, "robotsDisallowRate");
        Objects.requireNonNull(crawlDelay, "crawlDelay");
        crawlDelay.ifPresent(delay -> requireNotNegative(delay, "crawlDelay"));
        Objects.requireNonNull(domain, "domain");
        domain.ifPresent(name -> {
            if (!DOMAIN.matcher(name).matches() || name.length() > 200) {
                throw new IllegalArgumentException(
                        "domain must be lower-case DNS labels separated by dots, e.g. sim.test: '" + name + "'");
            }
        });
        if (basePort != 0) {
            requireBetween(basePort, 1, 65_536 - hosts, "basePort");
        }
    }

    /** {@link #defaults()}' hosts; constants so that the site flags' help shows the values themselves. */
    public static final int DEFAULT_HOSTS = 4;
    /** {@link #defaults()}' pages per host. */
    public static final int DEFAULT_PAGES_PER_HOST = 250;
    /** {@link #defaults()}' links per page. */
    public static final int DEFAULT_LINKS_PER_PAGE = 8;
    /** {@link #defaults()}' page size in bytes. */
    public static final int DEFAULT_PAGE_BYTES = 14_000;
    /** {@link #defaults()}' share of pages linking to a 404. */
    public static final double DEFAULT_BROKEN_LINK_RATE = 0.02;
    /** {@link #defaults()}' share of pages linking to a 301. */
    public static final double DEFAULT_REDIRECT_RATE = 0.02;
    /** {@link #defaults()}' seed. */
    public static final long DEFAULT_SEED = 42L;

    /**
     * A medium site: 4 hosts of 250 pages, 8 links and about 14 KB each, a few broken links and
     * redirects, a private section, a redirect loop, no latency, no errors, no crawl delay, hosts named
     * 127.0.0.1, ephemeral ports, no traps, no sitemaps.
     */
    public static SiteSpec defaults() {
        return new SiteSpec(DEFAULT_HOSTS, DEFAULT_PAGES_PER_HOST, DEFAULT_LINKS_PER_PAGE, DEFAULT_PAGE_BYTES, 0.0,
                DEFAULT_SEED, Latency.none(), DEFAULT_BROKEN_LINK_RATE, DEFAULT_REDIRECT_RATE, 0.0, true, 0.0,
                Optional.empty(), true, false, Optional.empty(), 0, false, false);
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return defaults().toBuilder();
    }

    /** A builder starting from this spec. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The number of pages over all hosts. */
    public long totalPages() {
        return (long) hosts * pagesPerHost;
    }

    /**
     * The bytes a server's page cache takes to hold every page of this site: each page's body, the markup of its
     * links and the cache's own overhead, and a gzipped copy beside it when the site serves gzip (under half the
     * plain page for any HTML it generates). The one estimate both the server (whether it caches) and {@code trawl
     * bench} (how much heap it gives the server) go by.
     */
    public long cacheBytes() {
        long plain = totalPages() * (pageBytes + 64L * linksPerPage + 512);
        return gzip ? plain + plain / 2 : plain;
    }

    /**
     * Whether a server in a JVM of {@code maxHeap} bytes ({@code Runtime.maxMemory()}) caches this site's pages: when
     * they take at most half the heap. A fixed 256 MiB ran {@code trawl serve --workload cpu} (then 4 x 1,200 pages
     * of 48 KB, 235 MB) out of the launcher's 192 MiB heap; with half of it, that site is rendered per request there.
     * {@code trawl bench} gives its server a heap of twice {@link #cacheBytes()} and more, so it caches any site it
     * serves: a cap of 256 MiB on top had left {@code --workload cpu --pages 2400} (470 MB) rendered per request,
     * its server 2.5 times costlier per page than at 1,200 and within reach of the crawl's rate.
     */
    public boolean cachedIn(long maxHeap) {
        return cacheBytes() <= maxHeap / 2;
    }

    /** The name URLs give host {@code host}: {@code h17.sim.test}, or {@code 127.0.0.1} without a domain. */
    public String hostName(int host) {
        return domain.map(name -> "h" + host + "." + name).orElse("127.0.0.1");
    }

    public SiteSpec withHosts(int hosts) {
        return toBuilder().hosts(hosts).build();
    }

    public SiteSpec withPagesPerHost(int pagesPerHost) {
        return toBuilder().pagesPerHost(pagesPerHost).build();
    }

    public SiteSpec withLinksPerPage(int linksPerPage) {
        return toBuilder().linksPerPage(linksPerPage).build();
    }

    public SiteSpec withPageBytes(int pageBytes) {
        return toBuilder().pageBytes(pageBytes).build();
    }

    public SiteSpec withSeed(long seed) {
        return toBuilder().seed(seed).build();
    }

    public SiteSpec withLatency(Latency latency) {
        return toBuilder().latency(latency).build();
    }

    /** Fixed latency. */
    public SiteSpec withLatency(Duration latency) {
        return withLatency(new Latency.Fixed(latency));
    }

    /** Uniform latency within {@code jitter} either side of {@code latency}. */
    public SiteSpec withLatency(Duration latency, Duration jitter) {
        requireNotNegative(latency, "latency");
        requireNotNegative(jitter, "latencyJitter");
        if (jitter.compareTo(latency) > 0) {
            throw new IllegalArgumentException("latencyJitter must not exceed latency: " + jitter + " > " + latency);
        }
        return withLatency(jitter.isZero() ? new Latency.Fixed(latency)
                : new Latency.Uniform(latency.minus(jitter), latency.plus(jitter)));
    }

    public SiteSpec withBrokenLinkRate(double brokenLinkRate) {
        return toBuilder().brokenLinkRate(brokenLinkRate).build();
    }

    public SiteSpec withRedirectRate(double redirectRate) {
        return toBuilder().redirectRate(redirectRate).build();
    }

    public SiteSpec withPrivateSection(boolean privateSection) {
        return toBuilder().privateSection(privateSection).build();
    }

    public SiteSpec withCrawlDelay(Duration crawlDelay) {
        return toBuilder().crawlDelay(Optional.of(crawlDelay)).build();
    }

    public SiteSpec withoutCrawlDelay() {
        return toBuilder().crawlDelay(Optional.empty()).build();
    }

    public SiteSpec withRedirectLoop(boolean redirectLoop) {
        return toBuilder().redirectLoop(redirectLoop).build();
    }

    public SiteSpec withGzip(boolean gzip) {
        return toBuilder().gzip(gzip).build();
    }

    public SiteSpec withDomain(String domain) {
        return toBuilder().domain(Optional.of(domain)).build();
    }

    public SiteSpec withBasePort(int basePort) {
        return toBuilder().basePort(basePort).build();
    }

    public SiteSpec withTraps(boolean traps) {
        return toBuilder().traps(traps).build();
    }

    public SiteSpec withSitemaps(boolean sitemaps) {
        return toBuilder().sitemaps(sitemaps).build();
    }

    /** Builds a {@link SiteSpec} field by field; {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private int hosts;
        private int pagesPerHost;
        private int linksPerPage;
        private int pageBytes;
        private double markupDensity;
        private long seed;
        private Latency latency;
        private double brokenLinkRate;
        private double redirectRate;
        private double errorRate;
        private boolean privateSection;
        private double robotsDisallowRate;
        private Optional<Duration> crawlDelay;
        private boolean redirectLoop;
        private boolean gzip;
        private Optional<String> domain;
        private int basePort;
        private boolean traps;
        private boolean sitemaps;

        private Builder(SiteSpec from) {
            hosts = from.hosts;
            pagesPerHost = from.pagesPerHost;
            linksPerPage = from.linksPerPage;
            pageBytes = from.pageBytes;
            markupDensity = from.markupDensity;
            seed = from.seed;
            latency = from.latency;
            brokenLinkRate = from.brokenLinkRate;
            redirectRate = from.redirectRate;
            errorRate = from.errorRate;
            privateSection = from.privateSection;
            robotsDisallowRate = from.robotsDisallowRate;
            crawlDelay = from.crawlDelay;
            redirectLoop = from.redirectLoop;
            gzip = from.gzip;
            domain = from.domain;
            basePort = from.basePort;
            traps = from.traps;
            sitemaps = from.sitemaps;
        }

        public Builder hosts(int value) { hosts = value; return this; }
        public Builder pagesPerHost(int value) { pagesPerHost = value; return this; }
        public Builder linksPerPage(int value) { linksPerPage = value; return this; }
        public Builder pageBytes(int value) { pageBytes = value; return this; }
        public Builder markupDensity(double value) { markupDensity = value; return this; }
        public Builder seed(long value) { seed = value; return this; }
        public Builder latency(Latency value) { latency = value; return this; }
        public Builder brokenLinkRate(double value) { brokenLinkRate = value; return this; }
        public Builder redirectRate(double value) { redirectRate = value; return this; }
        public Builder errorRate(double value) { errorRate = value; return this; }
        public Builder privateSection(boolean value) { privateSection = value; return this; }
        public Builder robotsDisallowRate(double value) { robotsDisallowRate = value; return this; }
        public Builder crawlDelay(Optional<Duration> value) { crawlDelay = value; return this; }
        public Builder redirectLoop(boolean value) { redirectLoop = value; return this; }
        public Builder gzip(boolean value) { gzip = value; return this; }
        public Builder domain(Optional<String> value) { domain = value; return this; }
        public Builder basePort(int value) { basePort = value; return this; }
        public Builder traps(boolean value) { traps = value; return this; }
        public Builder sitemaps(boolean value) { sitemaps = value; return this; }

        public SiteSpec build() {
            return new SiteSpec(hosts, pagesPerHost, linksPerPage, pageBytes, markupDensity, seed, latency,
                    brokenLinkRate, redirectRate, errorRate, privateSection, robotsDisallowRate, crawlDelay,
                    redirectLoop, gzip, domain, basePort, traps, sitemaps);
        }
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
