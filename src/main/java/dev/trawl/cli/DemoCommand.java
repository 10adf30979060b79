package dev.trawl.cli;

import dev.trawl.config.ConfigLoader;
import dev.trawl.config.ConfigOverride;
import dev.trawl.config.CrawlConfig;
import dev.trawl.sim.SimWeb;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code trawl demo}: starts the simulated web on loopback, crawls it completely, prints the summary, and
 * checks the crawl against what the servers saw: every expected URL fetched exactly once, no
 * robots-disallowed URL requested.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Crawl trawl's built-in simulated web (loopback only, no internet needed) and check the result.",
            "Takes every `crawl` flag (e.g. --mode, --per-host) and every `serve` flag (e.g. --pages, --latency)."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  trawl demo",
            "  trawl demo --hosts 8 --pages 500 --per-host 4",
            "  trawl demo --latency 50ms --jitter 20ms --per-host 16"})
public final class DemoCommand implements Callable<Integer> {

    /** Loopback is ours: no delay, several connections per host, no page or depth limit that cuts the site. */
    private static final List<ConfigOverride> DEMO_DEFAULTS = List.of(
            ConfigOverride.of("politeness.delay", "0"),
            ConfigOverride.of("politeness.per-host", "8"),
            ConfigOverride.of("limits.max-pages", "1000000"),
            ConfigOverride.of("limits.max-depth", "1000"),
            ConfigOverride.of("concurrency.producers", "16"),
            ConfigOverride.of("output.out", "demo-crawl.jsonl"),
            ConfigOverride.of("output.overwrite", "true"));

    @Spec
    CommandSpec spec;

    @Mixin
    SiteOptions site = new SiteOptions();

    @Mixin
    CrawlOptions options = new CrawlOptions();

    @Override
    public Integer call() throws InterruptedException {
        List<ConfigOverride> overrides = new ArrayList<>(options.configFile().isPresent() ? List.of() : DEMO_DEFAULTS);
        overrides.addAll(options.overrides());
        CrawlConfig config = ConfigLoader.load(options.configFile(), overrides);
        PrintWriter out = spec.commandLine().getOut();
        try (SimWeb web = SimWeb.start(site.spec())) {
            out.printf(Locale.ROOT, "trawl demo: simulated web of %,d pages on %d hosts (127.0.0.1, a port each), mode %s%n",
                    web.spec().totalPages(), web.seeds().size(), config.concurrency().mode().cliName());
            out.flush();
            int exitCode = new CrawlSession(out, spec.commandLine().getErr()).run(config, web.seeds());
            boolean sound = check(web, out);
            return exitCode != 0 ? exitCode : sound ? 0 : 1;
        }
    }

    /** Prints what the servers saw against what they expected; false if a URL was fetched twice or robots ignored. */
    private static boolean check(SimWeb web, PrintWriter out) {
        Map<String, Integer> expected = web.expected();
        Map<String, Integer> hits = web.hitCounts();
        long fetched = expected.keySet().stream().filter(url -> hits.getOrDefault(url, 0) > 0).count();
        long twice = hits.values().stream().filter(n -> n > 1).count();
        long disallowed = web.disallowed().stream().filter(url -> hits.getOrDefault(url, 0) > 0).count();
        out.printf(Locale.ROOT, "  check      server saw %,d of %,d expected URLs; %,d requested more than once; "
                + "%,d robots-disallowed requested%n", fetched, expected.size(), twice, disallowed);
        return twice == 0 && disallowed == 0;
    }
}
