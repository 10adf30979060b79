package dev.trawl.cli;

import dev.trawl.config.CrawlConfig;
import dev.trawl.fetch.Fetcher;
import dev.trawl.fetch.FetcherFactory;
import dev.trawl.mode.CrawlFailedException;
import dev.trawl.mode.Mode;
import dev.trawl.mode.Pipeline;
import dev.trawl.mode.process.Coordinator;
import dev.trawl.sink.Sink;
import dev.trawl.stats.Summary;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

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

    /** The finished crawl's summary and exit code. */
    record Result(Optional<Summary> summary, int exitCode) {}

    /**
     * Crawls {@code seeds} under {@code config}. The summary goes to standard output (to standard error
     * when the records do), after the output file is closed.
     */
    Result run(CrawlConfig config, List<String> seeds) throws InterruptedException {
        PrintWriter report = config.output().out().toString().equals("-") ? err : out;
        if (config.concurrency().mode() == Mode.PROCESSES) {
            return runProcesses(config, seeds, report);
        }
        Summary summary;
        int exitCode;
        try (Fetcher fetcher = FetcherFactory.okHttp(config.fetch()).build();
                Sink sink = Sink.jsonl(config.output().out())) {
            Pipeline pipeline = Pipeline.start(config, seeds, fetcher, sink);
            try (Signals.Registration signals = Signals.onStop(pipeline::stop, err);
                    ProgressDisplay ignored = ProgressDisplay.start(config.output().progress(), pipeline::progress, err)) {
                summary = pipeline.await();
                exitCode = signals.received() ? INTERRUPTED : 0;
            } catch (CrawlFailedException e) {
                err.println("trawl: crawl failed: " + e.getMessage());
                summary = pipeline.summary();
                exitCode = 1;
            }
        } catch (IOException e) {
            err.println("trawl: could not close the output " + config.output().out() + ": " + e.getMessage());
            return new Result(Optional.empty(), 1);
        }
        report.print(summary.render());
        report.println("  output     " + describe(config));
        report.flush();
        return new Result(Optional.of(summary), exitCode);
    }

    /** The same, with a coordinator and child JVMs in place of the in-process pipeline. */
    private Result runProcesses(CrawlConfig config, List<String> seeds, PrintWriter report) throws InterruptedException {
        try (Sink sink = Sink.jsonl(config.output().out());
                Coordinator coordinator = Coordinator.start(config, seeds, sink, err)) {
            var signals = Signals.onStop(coordinator::stop, err);
            Summary summary;
            try (ProgressDisplay ignored = ProgressDisplay.start(config.output().progress(), coordinator::progress, err)) {
                summary = coordinator.await();
            } catch (CrawlFailedException e) {
                err.println("trawl: crawl failed: " + e.getMessage());
                report.print(coordinator.summary().render());
                report.println("  workers    " + coordinator.report());
                return new Result(coordinator.summary(), 1);
            }
            report.print(summary.render());
            report.println("  workers    " + coordinator.report());
            report.println("  output     " + describe(config));
            return new Result(summary, signals.get() > 0 ? INTERRUPTED : 0);
        } catch (IOException e) {
            err.println("trawl: could not close the output " + config.output().out() + ": " + e.getMessage());
            return new Result(null, 1);
        }
    }

    private static String describe(CrawlConfig config) {
        String out = config.output().out().toString();
        return out.equals("-") ? "standard output" : out + " (JSON Lines, one record per URL)";
    }
}
