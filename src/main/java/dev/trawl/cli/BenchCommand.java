package dev.trawl.cli;

import dev.trawl.bench.Bench;
import dev.trawl.bench.BenchMode;
import dev.trawl.bench.BenchPlan;
import dev.trawl.bench.BenchResult;
import dev.trawl.bench.Report;
import dev.trawl.config.Durations;
import dev.trawl.sim.SiteSpec;
import dev.trawl.sim.Workload;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code trawl bench}: the same workload crawled in every mode, measured side by side, with a verdict and charts. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Crawl one workload of the simulated web in each mode and compare them",
            "truthfully: every run is a fresh trawl crawl process (JVM start counts), the",
            "server runs in its own process (its CPU is not the crawl's), modes take turns",
            "round by round with the same limits, and the ceilings (server capacity,",
            "parse-only rate, requests in flight / latency) are measured in the same run.",
            "Three rates per mode: the whole process's (JVM start-up included: what a user",
            "waits for; it picks the winner), the crawl's alone, and the steady rate, taken",
            "while the middle 80%% of the pages were written (no start-up, no ramp to full",
            "concurrency, no tail): the one held against the ceilings. Each run also",
            "records the CPU the sim server and any other process used meanwhile.",
            "Writes results.json, results.csv, PNG charts and a self-contained report.html",
            "to --out, and prints a table and a verdict."},
        footerHeading = "%nWorkloads (--workload; site flags such as --hosts or --latency override any part):%n")
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SiteOptions site = new SiteOptions();

    @Option(names = "--modes", paramLabel = "MODES", split = ",", defaultValue = "threads,async,virtual,processes",
            description = "Modes to compare, comma-separated: threads, async (the event loop: HttpClient 5's I/O"
                    + " reactor), async-okhttp (async mode on OkHttp's enqueue, a pooled thread per call in flight),"
                    + " virtual, processes (default: ${DEFAULT-VALUE}).")
    List<String> modes;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "3",
            description = "Runs per mode, interleaved round-robin (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--max-pages", paramLabel = "N",
            description = "Page budget of each crawl (default: the whole site).")
    Long maxPages;

    @Option(names = "--per-host", paramLabel = "N", description = "Requests in flight to one host (default: the workload's).")
    Integer perHost;

    @Option(names = "--max-in-flight", paramLabel = "N",
            description = "Requests in flight over all hosts, every mode; processes mode shares it among its workers"
                    + " (default: the workload's).")
    Integer maxInFlight;

    @Option(names = "--workers", paramLabel = "K", description = "Child JVMs in processes mode (default: the cores).")
    Integer workers;

    @Option(names = "--out", paramLabel = "DIR", description = "Where results go (default: bench-WORKLOAD-TIME).")
    Path out;

    @Option(names = "--quiet-wait", paramLabel = "DURATION", defaultValue = "10s",
            description = "Before each run, wait up to this long for other processes to use under a quarter of a core,"
                    + " so a neighbour's burst (a build) is not measured as a mode's slowness; 0 to start at once"
                    + " (default: ${DEFAULT-VALUE}).")
    String quietWait;

    /** Lists each workload and what it measures under the usage message. */
    static void describeWorkloads(CommandLine bench) {
        List<String> footer = new ArrayList<>();
        for (Workload workload : Workload.values()) {
            SiteSpec s = workload.spec();
            footer.addAll(wrap(String.format(Locale.ROOT, "%-8s %d hosts x %d pages of %,d bytes, latency %s, %d per host,"
                    + " %d in flight.", workload.label(), s.hosts(), s.pagesPerHost(), s.pageBytes(), s.latency().describe(),
                    workload.perHost(), workload.maxInFlight()), "  ", "           "));
            footer.addAll(wrap(workload.measures() + ".", "           ", "           "));
        }
        footer.add("");
        footer.add("Examples:");
        footer.add("  trawl bench --workload io");
        footer.add("  trawl bench --workload cpu --modes threads,virtual --repeat 5");
        footer.add("  trawl bench --workload io --modes async,async-okhttp --repeat 5");
        footer.add("  trawl bench --workload io --latency lognormal:100ms:1s --hosts 100");
        // picocli formats footer lines: a literal '%' (as in "1% failing pages") must be doubled.
        bench.getCommandSpec().usageMessage().footer(footer.stream().map(line -> line.replace("%", "%%"))
                .toArray(String[]::new));
    }

    /** Words of {@code text} in lines of at most 78 characters, the first indented by {@code first}. */
    static List<String> wrap(String text, String first, String rest) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(first);
        for (String word : text.split(" ")) {
            if (line.length() + word.length() + 1 > 78 && line.length() > rest.length()) {
                lines.add(line.toString().stripTrailing());
                line = new StringBuilder(rest);
            }
            line.append(word).append(' ');
        }
        lines.add(line.toString().stripTrailing());
        return lines;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Workload workload = site.workload().orElse(Workload.IO);
        SiteSpec siteSpec = site.workload().isPresent() ? site.spec()
                : withWorkloadDefault(workload);
        int cores = Runtime.getRuntime().availableProcessors();
        Path dir = out != null ? out : Path.of("bench-" + workload.label() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        BenchPlan plan = new BenchPlan(workload.label(), siteSpec, SiteFlags.of(siteSpec), parseModes(), repeat,
                maxPages != null ? maxPages : siteSpec.totalPages() * 4, perHost != null ? perHost : workload.perHost(),
                maxInFlight != null ? maxInFlight : workload.maxInFlight(), workers != null ? workers : cores, cores, dir,
                quietWait());
        PrintWriter stdout = spec.commandLine().getOut();
        BenchResult result = new Bench(plan, stdout).run();
        List<Path> files = Report.write(result);
        stdout.println();
        stdout.print(Report.table(result));
        stdout.println();
        stdout.print(result.verdict().text());
        stdout.printf(Locale.ROOT, "%nwrote %s (and charts) in %.0f s; load average %s before, %s after%n",
                String.join(", ", files.stream().map(Path::toString).toList()), result.seconds(),
                result.machine().loadBefore(), result.machine().loadAfter());
        stdout.flush();
        return 0;
    }

    private Duration quietWait() {
        try {
            return Durations.parse(quietWait);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--quiet-wait: " + e.getMessage(), e);
        }
    }

    /** Without --workload, site flags apply on top of the default workload's site. */
    private SiteSpec withWorkloadDefault(Workload workload) {
        site.workload = workload.label();
        return site.spec();
    }

    private List<BenchMode> parseModes() {
        return modes.stream().map(BenchMode::of).toList();
    }
}
