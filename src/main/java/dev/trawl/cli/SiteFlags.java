package dev.trawl.cli;

import dev.trawl.sim.Latency;
import dev.trawl.sim.SiteSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code trawl serve} flags that make a server serve exactly {@code spec}: how {@code trawl bench} hands
 * its site to the server process it starts. {@link SiteOptions} reads them back to the same spec (a test
 * checks the round trip). Ports are left out: the bench wants ephemeral ones.
 */
final class SiteFlags {
    private SiteFlags() {}

    static List<String> of(SiteSpec spec) {
        if (!spec.privateSection() || !spec.redirectLoop()) {
            throw new IllegalArgumentException("serve has no flags for a site without its private section or redirect loop");
        }
        List<String> flags = new ArrayList<>(List.of(
                "--hosts", Integer.toString(spec.hosts()),
                "--pages", Integer.toString(spec.pagesPerHost()),
                "--links", Integer.toString(spec.linksPerPage()),
                "--page-size", Integer.toString(spec.pageBytes()),
                "--markup-density", Double.toString(spec.markupDensity()),
                "--latency", latency(spec.latency()),
                "--error-rate", Double.toString(spec.errorRate()),
                "--broken-link-rate", Double.toString(spec.brokenLinkRate()),
                "--redirect-rate", Double.toString(spec.redirectRate()),
                "--robots-disallow-rate", Double.toString(spec.robotsDisallowRate()),
                "--domain", spec.domain().orElse("none"),
                "--site-seed", Long.toString(spec.seed()),
                spec.gzip() ? "--gzip" : "--no-gzip",
                spec.traps() ? "--site-traps" : "--no-site-traps",
                spec.sitemaps() ? "--site-sitemaps" : "--no-site-sitemaps"));
        spec.crawlDelay().ifPresent(delay -> flags.addAll(List.of("--site-crawl-delay", delay.toString())));
        return flags;
    }

    /** The {@code --latency} syntax: ISO-8601 durations, which {@link SiteOptions} reads exactly. */
    static String latency(Latency latency) {
        return switch (latency) {
            case Latency.Fixed fixed -> fixed.value().toString();
            case Latency.Uniform uniform -> uniform.min() + ".." + uniform.max();
            case Latency.LogNormal logNormal -> "lognormal:" + logNormal.median() + ":" + logNormal.p99();
        };
    }
}
