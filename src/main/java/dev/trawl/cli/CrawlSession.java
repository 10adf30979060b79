package dev.trawl.cli;

import dev.trawl.audit.AuditEvent;
import dev.trawl.audit.AuditLines;
import dev.trawl.audit.AuditLog;
import dev.trawl.audit.AuditPolicy;
import dev.trawl.audit.AuditRecorder;
import dev.trawl.config.ConfigException;
import dev.trawl.config.CrawlConfig;
import dev.trawl.config.OutputFormat;
import dev.trawl.frontier.Scope;
import dev.trawl.frontier.UrlNormalizer;
import dev.trawl.job.Compaction;
import dev.trawl.job.Job;
import dev.trawl.job.JobException;
import dev.trawl.mode.CrawlFailedException;
import dev.trawl.mode.CrawlRun;
import dev.trawl.mode.RunState;
import dev.trawl.run.CrawlRuns;
import dev.trawl.sink.OutputExistsException;
import dev.trawl.sink.OutputFailedException;
import dev.trawl.sink.Outputs;
import dev.trawl.sink.Sink;
import dev.trawl.stats.CrawlFigures;
import dev.trawl.stats.Summary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Runs one crawl for a command: opens the fetcher and the sink, starts the pipeline, shows progress,
 * turns Ctrl-C into a clean stop, closes everything on every path, and prints the summary.
 */
final class CrawlSession {
    /** Exit code of a crawl stopped by SIGINT/SIGTERM, as shells report a process ended by SIGINT. */
    static final int INTERRUPTED = 130;
    /** Exit code when the reader of standard output went away, as a process killed by SIGPIPE reports. */
    static final int READER_GONE = 141;
    /** The audit log of a {@code --job DIR}, in DIR. */
    static final String JOB_AUDIT_LOG = "audit.jsonl";

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
        return run(config, seeds, Optional.empty());
    }

    /** As {@link #run(CrawlConfig, List)}, and writes the crawl's figures as JSON to {@code statsJson} if given. */
    int run(CrawlConfig config, List<String> seeds, Optional<Path> statsJson) throws InterruptedException {
        return run(config, seeds, statsJson, Optional.empty(), false);
    }

    /** A {@code --job DIR}, whether to start it over, and when to compact its journal. */
    record JobRequest(Path dir, boolean reset, Compaction compaction) {}

    /**
     * As {@link #run(CrawlConfig, List, Optional)}, keeping the crawl's state in a job directory if one is
     * asked for: a new job starts, a stopped one goes on, a finished one says so (exit 0). {@code verbose}
     * adds the mode and what the crawl cost this JVM (peak live threads, heap, GC) to the summary.
     */
    int run(CrawlConfig config, List<String> seeds, Optional<Path> statsJson, Optional<JobRequest> jobRequest,
            boolean verbose)
            throws InterruptedException {
        return run(config, seeds, statsJson, jobRequest, verbose, Optional.empty());
    }

    /**
     * As {@link #run(CrawlConfig, List, Optional, Optional, boolean)}, keeping the crawl's politeness facts in
     * {@code auditLog} (by default a job's in its directory, {@value #JOB_AUDIT_LOG}) for {@code trawl audit}.
     */
    int run(CrawlConfig config, List<String> seeds, Optional<Path> statsJson, Optional<JobRequest> jobRequest,
            boolean verbose, Optional<Path> auditLog)
            throws InterruptedException {
        PrintWriter report = config.output().toStandardOutput() ? err : out;
        // the seeds as the crawl normalizes them (its trap rules included), for the job's identity, the scope
        // warning and the unreachable-seeds check alike
        List<String> normalizedSeeds = UrlNormalizer.forCrawl(config.limits().traps()).split(seeds).normalized();
        Optional<Job> job = Optional.empty();
        if (jobRequest.isPresent()) {
            try {
                job = Optional.of(Job.open(jobRequest.get().dir(), config, normalizedSeeds, jobRequest.get().reset(),
                        jobRequest.get().compaction()));
            } catch (JobException e) {
                err.println("trawl: " + e.getMessage());
                return 1;
            }
            if (job.get().finished().isPresent()) {
                out.println("trawl: job " + jobRequest.get().dir() + " is done (" + job.get().finished().get()
                        + "); nothing left to crawl. --job-reset starts it over.");
                return 0;
            }
            if (!job.get().isNew()) {
                err.println("trawl: " + job.get().resumeLine());
            }
        }
        Optional<Job> theJob = job;
        Optional<Path> auditPath = auditLog.or(() -> jobRequest.map(r -> r.dir().resolve(JOB_AUDIT_LOG)));
        Optional<AuditRecorder> audit;
        try {
            // a resumed job's log goes on; a new crawl's starts afresh
            audit = openAudit(config, auditPath, job.isPresent() && !job.get().isNew());
        } catch (ConfigException | IOException e) {
            job.ifPresent(Job::close);
            if (e instanceof ConfigException c) {
                throw c;
            }
            err.println("trawl: cannot open the audit log " + auditPath.get() + ": " + e.getMessage());
            return 1;
        }
        RunState state = job.map(Job::runState).orElseGet(() -> RunState.inMemory(config));
        if (audit.isPresent()) {
            state = state.withAudit(audit.get());
        }
        Summary summary;
        Optional<String> detail;
        Optional<CrawlFigures> cost = Optional.empty();
        int exitCode;
        // the run's last figures, for when closing the outputs reports the closed pipe the crawl stopped on
        AtomicReference<Summary> finalSummary = new AtomicReference<>();
        Sink opened;
        try {
            opened = job.isPresent() ? job.get().output(() -> open(config), warcInfo(config)) : open(config);
        } catch (RuntimeException e) {
            job.ifPresent(Job::close);
            audit.ifPresent(AuditRecorder::close);
            throw e;
        }
        try (Sink sink = opened; JobCloser closer = () -> theJob.ifPresent(Job::close);
                JobCloser auditCloser = () -> audit.ifPresent(AuditRecorder::close);
                CrawlRun run = CrawlRuns.start(config, seeds, sink, err, state)) {
            theJob.ifPresent(j -> j.onFailure(run::stop));
            run.rejectedSeeds().forEach(seed ->
                    err.println("trawl: skipped seed: not a crawlable http(s) URL once normalized: '" + seed + "'"));
            warnAboutExcludedSeeds(config, normalizedSeeds);
            FiguresRecorder recorder = FiguresRecorder.start(run);
            try (recorder;
                    Signals.Registration signals = Signals.onStop(run::stop, err);
                    ProgressDisplay ignored = ProgressDisplay.start(config.output().progress(), run::progress, err)) {
                summary = run.await();
                exitCode = signals.received() ? INTERRUPTED : 0;
            } catch (CrawlFailedException e) {
                if (readerGone(e)) {
                    err.println("trawl: standard output was closed; crawl stopped");
                    exitCode = READER_GONE;
                } else {
                    err.println("trawl: crawl failed: " + e.getMessage());
                    exitCode = 1;
                }
                summary = run.summary();
            }
            CrawlFigures figures = recorder.figures(config.concurrency().mode().name().toLowerCase(
                    java.util.Locale.ROOT), summary);
            statsJson.ifPresent(file -> writeFigures(file, figures));
            cost = Optional.of(figures).filter(f -> verbose);
            finalSummary.set(summary);
            detail = run.report();
            if (exitCode == 0 && job.isPresent() && job.get().failure().isEmpty()) {
                job.get().finish(String.format(java.util.Locale.ROOT, "%,d pages in its last run", summary.records()));
            }
        } catch (OutputFailedException e) {
            if (!e.readerGone()) { // a closed pipe was reported above, and the other outputs are closed
                err.println("trawl: could not finish the outputs: " + e.getMessage());
                return 1;
            }
            if (finalSummary.get() == null) {
                err.println("trawl: standard output was closed; crawl stopped");
                return READER_GONE;
            }
            summary = finalSummary.get();
            detail = Optional.empty();
            exitCode = READER_GONE;
        } catch (IOException e) {
            err.println("trawl: could not finish the outputs: " + e.getMessage());
            return 1;
        }
        Optional<java.io.IOException> auditFailed = audit.flatMap(AuditRecorder::failure);
        if (auditFailed.isPresent()) {
            err.println("trawl: the audit log " + auditPath.get() + " could not be written (" + auditFailed.get()
                    + "); it is incomplete, and trawl audit on it would not tell the whole story");
            if (exitCode == 0) {
                exitCode = 1;
            }
        }
        Optional<JobException> commitFailed = job.flatMap(Job::failure);
        if (commitFailed.isPresent()) {
            err.println("trawl: " + commitFailed.get().getMessage());
            err.println("trawl: crawl stopped; what was committed before is kept. Fix the cause (free disk space)"
                    + " and run the same command to go on.");
            exitCode = 1;
        }
        report.print(summary.render());
        detail.ifPresent(line -> report.println("  " + line));
        cost.ifPresent(figures -> {
            report.println("  mode       " + describeMode(config));
            report.println(String.format(java.util.Locale.ROOT,
                    "  cost       peak %d live threads, peak heap %.0f MiB, GC %d ms (this JVM)",
                    figures.peakThreads(), figures.peakHeapMib(), figures.gcMs()));
        });
        describe(config).forEach(line -> report.println("  output     " + line));
        auditPath.ifPresent(path -> report.println("  audit log  " + path + " (trawl audit --log " + path + ")"));
        if (job.isPresent()) {
            long redo = job.get().cancelledNotRecorded();
            report.println("  job        " + jobRequest.get().dir() + (exitCode == 0 ? ": finished"
                    : ": stopped; the same command goes on from here" + (redo > 0
                            ? " (" + redo + " requests cancelled by the stop will be made again)" : "")));
        }
        report.flush();
        if (exitCode == 0 && summary.allUnreachable(seedHosts(normalizedSeeds))) {
            err.println("trawl: no seed host could be reached, so nothing was crawled:");
            summary.unreachableHosts().forEach((host, why) -> err.println("  " + host + "  " + why));
            err.flush();
            return 1;
        }
        return exitCode;
    }

    /**
     * The recorder of the crawl's politeness facts into {@code path}, if one is given, its first fact the
     * crawl's policy: appended to when {@code resume}, else a new file (one that exists is replaced only with
     * {@code --overwrite}, like an output).
     */
    private static Optional<AuditRecorder> openAudit(CrawlConfig config, Optional<Path> path, boolean resume)
            throws IOException {
        if (path.isEmpty()) {
            return Optional.empty();
        }
        if (!resume) {
            if (java.nio.file.Files.exists(path.get()) && !config.output().overwrite() && !isJobLog(path.get())) {
                throw new ConfigException(Optional.empty(), "", "--audit-log: " + path.get()
                        + " exists; give --overwrite to replace it, or another name");
            }
            java.nio.file.Files.deleteIfExists(path.get());
        }
        AuditRecorder recorder = new AuditRecorder("trawl-audit-log", AuditLog.append(path.get()));
        recorder.record(new AuditEvent.Start(AuditLines.epochNanos(java.time.Instant.now()),
                AuditPolicy.of(config.politeness())));
        return Optional.of(recorder);
    }

    /** Whether {@code path} is a job's own audit log, which a new (or reset) job starts afresh. */
    private static boolean isJobLog(Path path) {
        return path.getFileName().toString().equals(JOB_AUDIT_LOG)
                && java.nio.file.Files.exists(path.resolveSibling("job.json"));
    }

    /** Closes a job before its output (try-with-resources closes in reverse), with no checked exception. */
    private interface JobCloser extends AutoCloseable {
        @Override
        void close();
    }

    private void writeFigures(Path file, CrawlFigures figures) {
        try {
            figures.write(file);
        } catch (IOException e) {
            err.println("trawl: could not write --stats-json " + file + ": " + e.getMessage());
        }
    }

    /** Warns about each seed the include/exclude rules would exclude: it is crawled anyway. */
    private void warnAboutExcludedSeeds(CrawlConfig config, List<String> normalized) {
        Scope scope = new Scope(config.scope(), normalized);
        normalized.stream().filter(seed -> !scope.allows(seed)).forEach(seed -> err.println("trawl: warning: seed "
                + seed + " is excluded by --include/--exclude; it is crawled anyway, and the rules apply to the"
                + " links found"));
    }

    /** The politeness keys (host and port) of the normalized seeds. */
    private static Set<String> seedHosts(List<String> normalized) {
        return normalized.stream().map(UrlNormalizer::hostKey)
                .collect(Collectors.toSet());
    }

    /** Opens every output; one that exists without {@code --overwrite} is a usage error. */
    static Outputs open(CrawlConfig config) {
        try {
            return Outputs.open(config.output(), config.extract().fields(), warcInfo(config));
        } catch (OutputExistsException e) {
            throw new ConfigException(Optional.empty(), "output.out", e.getMessage());
        }
    }

    /** The {@code warcinfo} fields of a WARC output: who crawled, and how politely. */
    static Map<String, List<String>> warcInfo(CrawlConfig config) {
        Map<String, List<String>> info = new LinkedHashMap<>();
        String version = CrawlSession.class.getPackage().getImplementationVersion();
        info.put("software", List.of("trawl/" + (version == null ? "dev" : version) + " (jwarc)"));
        info.put("format", List.of("WARC File Format 1.1"));
        info.put("conformsTo", List.of("https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"));
        info.put("http-header-user-agent", List.of(config.fetch().userAgent()));
        info.put("robots", List.of(config.politeness().robots() ? "obey" : "ignore"));
        return info;
    }

    /** Whether the crawl failed only because the reader of standard output went away ({@code | head}). */
    private static boolean readerGone(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof OutputFailedException failed) {
                return failed.readerGone();
            }
        }
        return false;
    }

    private static List<String> describe(CrawlConfig config) {
        return config.output().outs().stream().map(out -> OutputFormat.isStandardOutput(out)
                ? "standard output (" + OutputFormat.JSONL.description() + ")"
                : out + " (" + OutputFormat.of(out).description() + ")").toList();
    }

    private static String describeMode(CrawlConfig config) {
        CrawlConfig.Concurrency c = config.concurrency();
        return switch (c.mode()) {
            case THREADS -> "threads, " + c.producers() + " producers";
            case ASYNC -> "async on " + c.asyncClient().name().toLowerCase(java.util.Locale.ROOT) + ", "
                    + c.maxInFlight() + " in flight at most";
            case VIRTUAL -> "virtual, " + c.maxInFlight() + " in flight at most";
            case PROCESSES -> "processes, " + c.workers() + " workers (" + c.workerMode().name().toLowerCase(
                    java.util.Locale.ROOT) + "); figures below are the coordinator's JVM only";
        };
    }
}
