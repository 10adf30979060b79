package dev.trawl.cli;

import dev.trawl.config.CrawlConfig;
import dev.trawl.frontier.UrlNormalizer;
import dev.trawl.mode.CrawlFailedException;
import dev.trawl.mode.CrawlRun;
import dev.trawl.run.CrawlRuns;
import dev.trawl.sink.Sink;
import dev.trawl.stats.Summary;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs one crawl for a command: opens the fetcher and the sink, starts the pipeline, shows progress,
 * turns Ctrl-C into a clean stop, closes everything on every path, and prints the summary.
 */
final class CrawlSession {
    /** Exit code of a crawl stopped by SIGINT/SIGTERM, as shells report a process ended by SIGINT. */
    static final int INTERRUPTED = 130;

    private final PrintWriter out;
    private final PrintWriter err;

    CrawlSession(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /**
     * Crawls {@code seeds} under {@code config}, in process or with child JVMs as its mode says. The
     * summary goes to standard output (to standard error when the records do), after the output file is
     * closed.
     *
     * @return the exit code: 0 done, 1 failed, {@link #INTERRUPTED} stopped by a signal
     */
    int run(CrawlConfig config, List<String> seeds) throws InterruptedException {
        PrintWriter report = config.output().outs().get(0).toString().equals("-") ? err : out;
        Summary summary;
        Optional<String> detail;
        int exitCode;
        try (Sink sink = Sink.jsonl(config.output().outs().get(0)); CrawlRun run = CrawlRuns.start(config, seeds, sink, err)) {
            run.rejectedSeeds().forEach(seed ->
                    err.println("trawl: skipped seed: not a crawlable http(s) URL once normalized: '" + seed + "'"));
            try (Signals.Registration signals = Signals.onStop(run::stop, err);
                    ProgressDisplay ignored = ProgressDisplay.start(config.output().progress(), run::progress, err)) {
                summary = run.await();
                exitCode = signals.received() ? INTERRUPTED : 0;
            } catch (CrawlFailedException e) {
                err.println("trawl: crawl failed: " + e.getMessage());
                summary = run.summary();
                exitCode = 1;
            }
            detail = run.report();
        } catch (IOException e) {
            err.println("trawl: could not close the output " + config.output().outs().get(0) + ": " + e.getMessage());
            return 1;
        }
        report.print(summary.render());
        detail.ifPresent(line -> report.println("  " + line));
        report.println("  output     " + describe(config));
        report.flush();
        if (exitCode == 0 && summary.allUnreachable(seedHosts(seeds))) {
            err.println("trawl: no seed host could be reached, so nothing was crawled:");
            summary.unreachableHosts().forEach((host, why) -> err.println("  " + host + "  " + why));
            err.flush();
            return 1;
        }
        return exitCode;
    }

    /** The politeness keys (host and port) of the seeds that normalize. */
    private static Set<String> seedHosts(List<String> seeds) {
        return new UrlNormalizer().split(seeds).normalized().stream().map(UrlNormalizer::hostKey)
                .collect(Collectors.toSet());
    }

    private static String describe(CrawlConfig config) {
        String out = config.output().outs().get(0).toString();
        return out.equals("-") ? "standard output" : out + " (JSON Lines, one record per URL)";
    }
}
