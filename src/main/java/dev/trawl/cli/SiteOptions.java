package dev.trawl.cli;

import dev.trawl.config.Durations;
import dev.trawl.config.Sizes;
import dev.trawl.sim.Latency;
import dev.trawl.sim.SiteSpec;
import dev.trawl.sim.Workload;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * The shape of the simulated web, for {@code serve}, {@code demo} and {@code bench}: a named workload's
 * site (or {@link SiteSpec#defaults()}), then each flag given. Unset flags keep the starting point's value.
 */
final class SiteOptions {
    /** The end of a site flag's default: a named workload starts from its own site instead. */
    private static final String OR_WORKLOADS = "; with --workload, the workload's).";

    @Option(names = "--workload", paramLabel = "NAME",
            description = "Start from a named workload's site: io, cpu, mixed or io-wide (see trawl bench --help).")
    String workload;

    @Option(names = "--hosts", paramLabel = "N", description = "Hosts, each its own port on 127.0.0.1 (default: " + SiteSpec.DEFAULT_HOSTS + OR_WORKLOADS)
    Integer hosts;

    @Option(names = "--pages", paramLabel = "N", description = "Pages per host (default: " + SiteSpec.DEFAULT_PAGES_PER_HOST + OR_WORKLOADS)
    Integer pages;

    @Option(names = "--links", paramLabel = "N", description = "Links per page (default: " + SiteSpec.DEFAULT_LINKS_PER_PAGE + OR_WORKLOADS)
    Integer links;

    @Option(names = "--page-size", paramLabel = "SIZE", description = "Bytes per page, e.g. 14KB (default: " + SiteSpec.DEFAULT_PAGE_BYTES + OR_WORKLOADS)
    String pageSize;

    @Option(names = "--markup-density", paramLabel = "RATE",
            description = "Share of words wrapped in an element of their own, 0 to 1: parsing CPU per page (default: 0).")
    Double markupDensity;

    @Option(names = "--latency", paramLabel = "LATENCY",
            description = "Delay of each response, the same for a URL every time: 50ms (fixed), 20ms..80ms (uniform),"
                    + " lognormal:50ms:400ms (median and p99) (default: 0).")
    String latency;

    @Option(names = "--jitter", paramLabel = "DURATION",
            description = "With a fixed --latency: uniform within this much either side (default: 0).")
    String jitter;

    @Option(names = "--error-rate", paramLabel = "RATE", description = "Share of pages answering 503 (default: 0).")
    Double errorRate;

    @Option(names = "--broken-link-rate", paramLabel = "RATE", description = "Share of pages linking to a 404 (default: " + SiteSpec.DEFAULT_BROKEN_LINK_RATE + OR_WORKLOADS)
    Double brokenLinkRate;

    @Option(names = "--redirect-rate", paramLabel = "RATE", description = "Share of pages linking to a 301 (default: " + SiteSpec.DEFAULT_REDIRECT_RATE + OR_WORKLOADS)
    Double redirectRate;

    @Option(names = "--robots-disallow-rate", paramLabel = "RATE",
            description = "Share of hosts whose robots.txt also disallows /p/1 (default: 0).")
    Double robotsDisallowRate;

    @Option(names = "--domain", paramLabel = "DOMAIN",
            description = "Name hosts h0.DOMAIN, h1.DOMAIN... (crawl with --resolve '*.DOMAIN=127.0.0.1'); none: 127.0.0.1.")
    String domain;

    @Option(names = "--site-seed", paramLabel = "N", description = "Seed of the generated site (default: " + SiteSpec.DEFAULT_SEED + OR_WORKLOADS)
    Long seed;

    @Option(names = "--port", paramLabel = "PORT", description = "Port of host 0, host h on PORT+h (default: ephemeral).")
    Integer port;

    @Option(names = "--gzip", negatable = true, description = "Gzip responses for clients that accept it.")
    Boolean gzip;

    @Option(names = "--site-crawl-delay", paramLabel = "DURATION", description = "Crawl-delay announced in robots.txt.")
    String crawlDelay;

    @Option(names = "--site-traps", negatable = true, description = "Serve crawler traps: an endless calendar (/cal?m=0, "
            + "m=1, ...) linked from every root, and session ids (;jsessionid=, ?sid=) on some links.")
    Boolean traps;

    @Option(names = "--site-sitemaps", negatable = true, description = "Name a sitemap index in robots.txt, listing a "
            + "gzipped sitemap with pages no page links to (/only/N.html).")
    Boolean sitemaps;

    /** The named workload, if one was given. */
    Optional<Workload> workload() {
        return Optional.ofNullable(workload).map(name -> parse("--workload", () -> Workload.of(name)));
    }

    /** The spec these flags describe. */
    SiteSpec spec() {
        SiteSpec.Builder spec = workload().map(Workload::spec).orElseGet(SiteSpec::defaults).toBuilder();
        if (hosts != null) {
            spec.hosts(hosts);
        }
        if (pages != null) {
            spec.pagesPerHost(pages);
        }
        if (links != null) {
            spec.linksPerPage(links);
        }
        if (pageSize != null) {
            spec.pageBytes(Math.toIntExact(parse("--page-size", () -> Sizes.parse(pageSize))));
        }
        if (markupDensity != null) {
            spec.markupDensity(markupDensity);
        }
        if (latency != null || jitter != null) {
            Latency base = latency == null ? Latency.none() : parse("--latency", () -> latency(latency));
            if (jitter != null) {
                Duration around = parse("--jitter", () -> Durations.parse(jitter));
                if (!(base instanceof Latency.Fixed fixed)) {
                    throw new IllegalArgumentException("--jitter: applies to a fixed --latency only, not " + latency);
                }
                spec.latency(SiteSpec.defaults().withLatency(fixed.value(), around).latency());
            } else {
                spec.latency(base);
            }
        }
        if (errorRate != null) {
            spec.errorRate(errorRate);
        }
        if (brokenLinkRate != null) {
            spec.brokenLinkRate(brokenLinkRate);
        }
        if (redirectRate != null) {
            spec.redirectRate(redirectRate);
        }
        if (robotsDisallowRate != null) {
            spec.robotsDisallowRate(robotsDisallowRate);
        }
        if (domain != null) {
            spec.domain(domain.isBlank() || domain.equals("none") ? Optional.empty() : Optional.of(domain.strip()));
        }
        if (seed != null) {
            spec.seed(seed);
        }
        if (port != null) {
            spec.basePort(port);
        }
        if (gzip != null) {
            spec.gzip(gzip);
        }
        if (crawlDelay != null) {
            spec.crawlDelay(Optional.of(parse("--site-crawl-delay", () -> Durations.parse(crawlDelay))));
        }
        if (traps != null) {
            spec.traps(traps);
        }
        if (sitemaps != null) {
            spec.sitemaps(sitemaps);
        }
        return spec.build();
    }

    /** {@code 50ms}, {@code 20ms..80ms} or {@code lognormal:50ms:400ms}. */
    static Latency latency(String text) {
        String value = text.strip();
        if (value.startsWith("lognormal:")) {
            String[] parts = value.substring("lognormal:".length()).split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException("expected lognormal:MEDIAN:P99, e.g. lognormal:50ms:400ms: '" + text + "'");
            }
            return new Latency.LogNormal(Durations.parse(parts[0]), Durations.parse(parts[1]));
        }
        int range = value.indexOf("..");
        if (range >= 0) {
            return new Latency.Uniform(Durations.parse(value.substring(0, range)), Durations.parse(value.substring(range + 2)));
        }
        return new Latency.Fixed(Durations.parse(value));
    }

    private static <T> T parse(String flag, Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + ": " + e.getMessage(), e);
        }
    }
}
