package dev.trawl.bench;

import dev.trawl.sim.Workload;
import dev.trawl.stats.CrawlFigures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Made-up runs with chosen figures, for the statistics, the verdict and the report. */
final class BenchFixtures {
    private BenchFixtures() {}

    /**
     * A run of {@code mode}: {@code pages} pages in {@code wall} seconds of which {@code startup} before the
     * first page, using {@code cpu} CPU seconds.
     */
    static RunResult run(BenchMode mode, int repeat, long pages, double wall, double startup, double cpu, Map<String, Long> extra) {
        return run(mode, repeat, pages, wall, startup, cpu, extra, Contention.NONE);
    }

    /** As above, with what else used the CPUs during the run. */
    static RunResult run(BenchMode mode, int repeat, long pages, double wall, double startup, double cpu,
            Map<String, Long> extra, Contention contention) {
        long crawlMs = (long) ((wall - startup) * 1000);
        List<CrawlFigures.Sample> samples = new ArrayList<>();
        for (int i = 0; i <= 10; i++) {
            samples.add(new CrawlFigures.Sample((long) (startup * 1000 + i * crawlMs / 10.0), pages * i / 10));
        }
        CrawlFigures figures = new CrawlFigures(mode.cliName(), pages, pages, 0, pages * 4000, crawlMs, 50, 160, 250,
                100, 3, 80, 40, (long) (startup * 700), (long) (startup * 1000), samples, extra);
        return RunResult.builder(mode, repeat).wallSeconds(wall).cpuSeconds(cpu).peakRssMib(200).figures(figures)
                .contention(contention).speed(MachineSpeed.notMeasured(2)).build();
    }

    static RunResult run(BenchMode mode, int repeat, double pagesPerSecond) {
        return run(mode, repeat, 10_000, 10_000 / pagesPerSecond, 1, 8, Map.of());
    }

    /**
     * A CPU-bound run (both cores busy throughout) of {@code mode} at {@code pagesPerSecond}, during which the host's
     * cores ran at {@code hostSpeed} times their typical speed: the sim server spent 1 CPU second at the typical
     * speed, so {@code 1 / hostSpeed}. Its speed is not settled yet ({@link HostSpeeds}).
     */
    static RunResult cpuBoundRun(BenchMode mode, int repeat, double pagesPerSecond, double hostSpeed) {
        double wall = 10_000 / pagesPerSecond;
        return run(mode, repeat, 10_000, wall, 0.5, 2 * wall, Map.of()).toBuilder()
                .contention(new Contention(1 / hostSpeed, 0, 0, 0)).build();
    }

    static ModeStats stats(BenchMode mode, double... pagesPerSecond) {
        List<RunResult> runs = new ArrayList<>();
        for (int i = 0; i < pagesPerSecond.length; i++) {
            runs.add(run(mode, i + 1, pagesPerSecond[i]));
        }
        return ModeStats.of(mode, runs);
    }

    /** Ceilings of an io-like workload: 64 in flight at 64 ms mean latency, a server and a parser well above. */
    static Ceilings ioCeilings() {
        return new Ceilings(4000, 128, 1200, 2, 64, 64);
    }

    static BenchPlan plan(Path out) {
        Workload io = Workload.IO;
        return new BenchPlan("io", io.spec(), List.of("--hosts", "50"), List.of(BenchMode.THREADS, BenchMode.VIRTUAL), 2, 10_000,
                io.perHost(), io.maxInFlight(), 2, 2, out, java.time.Duration.ofSeconds(10));
    }
}
