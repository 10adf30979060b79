package dev.trawl.cli;

import dev.trawl.config.ConfigException;
import dev.trawl.config.ConfigLoader;
import dev.trawl.config.CrawlConfig;
import dev.trawl.job.Compaction;
import dev.trawl.config.SeedProblem;
import dev.trawl.config.SeedReader;
import dev.trawl.config.Seeds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trawl crawl}: crawls seed URLs politely and writes one JSON record per URL. */
@Command(
        name = "crawl",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Crawl from seed URLs, politely: robots.txt obeyed, one host at a time within --delay and --per-host.",
            "Values come from built-in defaults, then --config FILE, then these flags."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  trawl crawl https://example.com/ --max-pages 50",
            "  trawl crawl --seeds seeds/docs.txt --config config/polite.yaml --out docs.jsonl",
            "  trawl crawl https://example.com/ --scope domain --exclude '/tag/' --delay 2s --per-host 1",
            "",
            "  trawl crawl --seeds seeds/docs.txt --out docs.jsonl --job jobs/docs   (run again to go on)",
            "",
            "Ctrl-C stops cleanly: records so far are flushed and the summary printed (exit code 130)."})
public final class CrawlCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "URL", arity = "0..*", description = "Seed URLs (absolute http or https).")
    List<String> urls = new ArrayList<>();

    @Option(names = {"-s", "--seeds"}, paramLabel = "FILE",
            description = "Seed file: one URL per line, # comments (repeatable).")
    List<Path> seedFiles = new ArrayList<>();

    @Option(names = "--job", paramLabel = "DIR",
            description = "Keep the crawl's state in DIR: the same command goes on after Ctrl-C, kill or power cut.")
    Optional<Path> job = Optional.empty();

    @Option(names = "--job-reset", description = "Start the --job over, forgetting what it crawled.")
    boolean jobReset;

    /** For tests: compact the job's journal whenever it passes this many bytes (default: see Compaction). */
    @Option(names = "--job-compact-bytes", hidden = true, paramLabel = "BYTES")
    Optional<Long> jobCompactBytes = Optional.empty();

    @Option(names = "--audit-log", paramLabel = "FILE",
            description = "Keep the politeness facts (each request's start and end, Retry-After, Crawl-delay) in FILE,"
                    + " for trawl audit --log FILE. A --job keeps them in DIR/" + CrawlSession.JOB_AUDIT_LOG + ".")
    Path auditLog;

    @Mixin
    CrawlOptions options = new CrawlOptions();

    @Option(names = "--stats-json", paramLabel = "FILE",
            description = "Also write the crawl's figures as JSON: pages, latency percentiles, GC, heap, threads,"
                    + " time to first page, pages over time (what trawl bench reads).")
    Path statsJson;

    @Option(names = {"-v", "--verbose"},
            description = "Also report the crawl's mode and what it cost this JVM: peak live threads, heap, GC.")
    boolean verbose;

    @Override
    public Integer call() throws InterruptedException {
        CrawlConfig config = ConfigLoader.load(options.configFile(), options.overrides());
        Seeds seeds = readSeeds();
        for (SeedProblem problem : seeds.problems()) {
            spec.commandLine().getErr().println("trawl: skipped seed: " + problem);
        }
        var session = new CrawlSession(spec.commandLine().getOut(), spec.commandLine().getErr());
        return session.run(config, seeds.urls(), Optional.ofNullable(statsJson),
                job.map(dir -> new CrawlSession.JobRequest(dir, jobReset,
                        jobCompactBytes.map(Compaction::every).orElse(Compaction.DEFAULT))), verbose,
                Optional.ofNullable(auditLog));
    }

    /** The seed files' URLs, then the arguments'; a run with none at all is a usage error. */
    private Seeds readSeeds() {
        Seeds all = new Seeds(List.of(), List.of());
        for (Path file : seedFiles) {
            all = all.plus(SeedReader.read(file));
        }
        all = all.plus(SeedReader.fromArguments(urls));
        if (all.isEmpty()) {
            StringBuilder message = new StringBuilder("no usable seed URL: give URLs or --seeds FILE");
            all.problems().forEach(problem -> message.append(System.lineSeparator()).append("  ").append(problem));
            throw new ConfigException(Optional.empty(), "", message.toString());
        }
        return all;
    }
}
