package dev.trawl.run;

import dev.trawl.config.CrawlConfig;
import dev.trawl.config.Mode;
import dev.trawl.mode.CrawlRun;
import dev.trawl.mode.Pipeline;
import dev.trawl.mode.RunState;
import dev.trawl.mode.process.Coordinator;
import dev.trawl.mode.process.WorkerLaunch;
import dev.trawl.sink.Sink;
import java.io.PrintWriter;
import java.util.List;

/**
 * Starts the run kind a config asks for. It lives above {@code dev.trawl.mode} and
 * {@code dev.trawl.mode.process} so that neither has to know the other's implementation: the
 * processes-mode coordinator builds on the in-process pipeline, never the other way round.
 */
public final class CrawlRuns {
    private CrawlRuns() {}

    /**
     * Starts a crawl of {@code seeds} as {@code config}'s mode says: an in-process pipeline with a fetcher
     * of its own, or a coordinator with child JVMs (whose logs go to {@code log}). Returns at once.
     */
    public static CrawlRun start(CrawlConfig config, List<String> seeds, Sink sink, PrintWriter log) {
        return start(config, seeds, sink, log, RunState.inMemory(config));
    }

    /** As {@link #start(CrawlConfig, List, Sink, PrintWriter)}, going on from {@code run}'s state (a job's). */
    public static CrawlRun start(CrawlConfig config, List<String> seeds, Sink sink, PrintWriter log, RunState run) {
        return config.concurrency().mode() == Mode.PROCESSES
                ? Coordinator.start(config, seeds, sink, log,
                        WorkerLaunch.sameJvm(config.concurrency().workerJvmOptions()), run)
                : Pipeline.start(config, seeds, sink, run);
    }
}
