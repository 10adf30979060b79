package dev.trawl.bench;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One mode's figures over its repeats. Immutable.
 *
 * @param mode             the mode
 * @param runs             how many runs
 * @param wallSeconds      the process's wall time
 * @param pagesPerSecond   whole-process pages/s (start-up included)
 * @param crawlPagesPerSecond pages/s of the crawl alone
 * @param steadyPagesPerSecond pages/s while the middle 80% of the pages were written (the steady state)
 * @param megabytesPerSecond  body MB/s of the whole process
 * @param cpuPer1000       CPU seconds of the process tree per 1,000 pages
 * @param peakRssMib       peak RSS of the process tree
 * @param gcMs             GC time (the main JVM)
 * @param p50Ms            fetch latency, median
 * @param p95Ms            fetch latency, 95th percentile
 * @param p99Ms            fetch latency, 99th percentile
 * @param startupSeconds   from JVM start to the first page
 * @param peakThreads      most live threads in the main JVM
 * @param pipeMessages     messages over the pipes (processes mode; 0 otherwise)
 * @param pipeMib          MiB over the pipes (processes mode; 0 otherwise)
 * @param serverCores      cores the sim server kept busy during the runs
 * @param otherCores       cores other processes on the machine kept busy during the runs
 * @param adjustedPagesPerSecond whole-process pages/s at its mode's typical host speed ({@link MachineSpeed})
 * @param adjustedCpuPer1000 CPU seconds per 1,000 pages at its mode's typical host speed
 * @param hostSpeed        the host cores' speed during the runs, as a multiple of its mode's typical speed
 * @param witnessGap       how far a run's two witnesses of the host's speed disagreed ({@link MachineSpeed#disagreement})
 * @param speedMeasured    whether the host's speed was measured in every run (else the adjusted rates are the plain ones)
 */
public record ModeStats(BenchMode mode, int runs, Spread wallSeconds, Spread pagesPerSecond, Spread crawlPagesPerSecond,
        Spread steadyPagesPerSecond, Spread megabytesPerSecond, Spread cpuPer1000, Spread peakRssMib, Spread gcMs, Spread p50Ms, Spread p95Ms,
        Spread p99Ms, Spread startupSeconds, Spread peakThreads, Spread pipeMessages, Spread pipeMib, Spread serverCores,
        Spread otherCores, Spread adjustedPagesPerSecond, Spread adjustedCpuPer1000, Spread hostSpeed, Spread witnessGap,
        boolean speedMeasured) {

    /** The statistics of {@code runs}, all of {@code mode}. */
    public static ModeStats of(BenchMode mode, List<RunResult> runs) {
        if (runs.isEmpty() || runs.stream().anyMatch(run -> run.mode() != mode)) {
            throw new IllegalArgumentException("need one or more runs, all of mode " + mode + ": " + runs);
        }
        return new ModeStats(mode, runs.size(),
                spread(runs, RunResult::wallSeconds),
                spread(runs, RunResult::pagesPerSecond),
                spread(runs, RunResult::crawlPagesPerSecond),
                spread(runs, RunResult::steadyPagesPerSecond),
                spread(runs, RunResult::megabytesPerSecond),
                spread(runs, RunResult::cpuSecondsPer1000),
                spread(runs, RunResult::peakRssMib),
                spread(runs, run -> run.figures().gcMs()),
                spread(runs, run -> run.figures().p50Ms()),
                spread(runs, run -> run.figures().p95Ms()),
                spread(runs, run -> run.figures().p99Ms()),
                spread(runs, RunResult::startupSeconds),
                spread(runs, run -> run.figures().peakThreads()),
                spread(runs, run -> run.figures().extra().getOrDefault("pipe_messages", 0L)),
                spread(runs, run -> run.figures().extra().getOrDefault("pipe_bytes", 0L) / (1024.0 * 1024.0)),
                spread(runs, RunResult::serverCores),
                spread(runs, RunResult::otherCores),
                spread(runs, RunResult::adjustedPagesPerSecond),
                spread(runs, RunResult::adjustedCpuSecondsPer1000),
                spread(runs, run -> run.speed().factor()),
                spread(runs, run -> run.speed().disagreement()),
                runs.stream().allMatch(run -> run.speed().measured()));
    }

    /**
     * The pages/s the verdict compares: at its mode's typical host speed when that was measured in every run
     * (the host's swings taken out), else as measured.
     */
    public Spread comparedPagesPerSecond() {
        return speedMeasured ? adjustedPagesPerSecond : pagesPerSecond;
    }

    /** CPU seconds per 1,000 pages as the verdict compares them: at the typical host speed when measured. */
    public Spread comparedCpuPer1000() {
        return speedMeasured ? adjustedCpuPer1000 : cpuPer1000;
    }

    private static Spread spread(List<RunResult> runs, ToDoubleFunction<RunResult> figure) {
        return Spread.of(runs.stream().map(run -> figure.applyAsDouble(run)).toList());
    }
}
