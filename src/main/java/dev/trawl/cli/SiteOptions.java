package dev.trawl.cli;

import dev.trawl.config.Durations;
import dev.trawl.config.Sizes;
import dev.trawl.sim.SiteSpec;
import picocli.CommandLine.Option;

/** The shape of the simulated web, for {@code serve} and {@code demo}; unset flags keep {@link SiteSpec#defaults()}. */
final class SiteOptions {

    @Option(names = "--hosts", paramLabel = "N", description = "Hosts, each its own port on 127.0.0.1 (default: 4).")
    Integer hosts;

    @Option(names = "--pages", paramLabel = "N", description = "Pages per host (default: 250).")
    Integer pages;

    @Option(names = "--links", paramLabel = "N", description = "Links per page (default: 8).")
    Integer links;

    @Option(names = "--page-size", paramLabel = "SIZE", description = "Bytes per page, e.g. 14KB (default: 14000).")
    String pageSize;

    @Option(names = "--latency", paramLabel = "DURATION", description = "Delay added to every response (default: 0).")
    String latency;

    @Option(names = "--jitter", paramLabel = "DURATION", description = "Uniform jitter around --latency (default: 0).")
    String jitter;

    @Option(names = "--site-seed", paramLabel = "N", description = "Seed of the generated site (default: 42).")
    Long seed;

    @Option(names = "--port", paramLabel = "PORT", description = "Port of host 0, host h on PORT+h (default: ephemeral).")
    Integer port;

    @Option(names = "--gzip", negatable = true, description = "Gzip responses for clients that accept it.")
    Boolean gzip;

    @Option(names = "--site-crawl-delay", paramLabel = "DURATION", description = "Crawl-delay announced in robots.txt.")
    String crawlDelay;

    /** The spec these flags describe. */
    SiteSpec spec() {
        SiteSpec spec = SiteSpec.defaults();
        if (hosts != null) {
            spec = spec.withHosts(hosts);
        }
        if (pages != null) {
            spec = spec.withPagesPerHost(pages);
        }
        if (links != null) {
            spec = spec.withLinksPerPage(links);
        }
        if (pageSize != null) {
            spec = spec.withPageBytes(Math.toIntExact(parse("--page-size", () -> Sizes.parse(pageSize))));
        }
        if (latency != null || jitter != null) {
            spec = spec.withLatency(
                    latency == null ? spec.latency() : parse("--latency", () -> Durations.parse(latency)),
                    jitter == null ? java.time.Duration.ZERO : parse("--jitter", () -> Durations.parse(jitter)));
        }
        if (seed != null) {
            spec = spec.withSeed(seed);
        }
        if (port != null) {
            spec = spec.withBasePort(port);
        }
        if (gzip != null) {
            spec = spec.withGzip(gzip);
        }
        if (crawlDelay != null) {
            spec = spec.withCrawlDelay(parse("--site-crawl-delay", () -> Durations.parse(crawlDelay)));
        }
        return spec;
    }

    private static <T> T parse(String flag, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + ": " + e.getMessage(), e);
        }
    }

}
