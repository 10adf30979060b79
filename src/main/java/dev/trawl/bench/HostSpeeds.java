package dev.trawl.bench;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Settles each run's host speed once all runs are in ({@link MachineSpeed}), against the typical speed of its own
 * mode's runs. Pure.
 *
 * <p>The speed is the sim server's CPU per page served (the same pages to the same client in every run of a mode,
 * so it moves with the cores' speed, and it sees the whole run), held against its median over the mode's runs:
 * the modes' costs differ for real reasons (how each client talks to the server), and only a run's difference
 * from its twins says anything about the host. So the adjustment narrows each mode's spread and leaves the modes
 * where their runs put them; interleaving the rounds is what keeps the host's drift from favouring one mode.
 *
 * <p>The crawl's own CPU per page, held against its twins' the same way, is a check, not an adjustment: for a
 * CPU-bound crawl it is busy cores over pages/s, nearly the run's own rate, so heard at all it would pass part of
 * any slow run off as a slow host. Where it and the server's disagree by more than {@link MachineSpeed#AGREEMENT},
 * the crawl's own cost moved, and the verdict says so. Over 144 mode-runs of 12 benches (four sessions, io and
 * cpu) they disagreed by more than 10% on 3 runs and never by more than 14%. The server's witness alone left a
 * worst spread of 10.8% over the fifth session's 32 mode-runs (eight benches of one night, two over 10%, in a
 * 0.75-1.32x swing of the host), 13.3% over 36 earlier ones; a sampling probe thread, which it replaced, 32%
 * (its cost depended on the mode beside it). A probe of pure arithmetic in registers, timed by its thread's CPU
 * clock every 20 ms, saw the host's swings in the same direction as the server but about half as large (the
 * crawl, like the server, waits on memory, which the host's other tenants share; the arithmetic does not): over
 * 24 mode-runs of six benches in one noisy hour it left 12 over 10%, its geometric mean with the server's 6, and
 * the server's alone 3 (worst 11.6%). It was not kept. Nor were two more kinds, run beside the eighth session's
 * benches as separate processes. Random reads chased through 8 MiB, 32 MiB and 1 GiB (the memory a crawl also waits
 * on) saw one slow run as 0.88x where the server saw 0.58x, and over four benches' 16 mode-runs left 9 over 10% where
 * the server left none. A byte passed back and forth by pipes between threads on the two cores (the cross-core
 * wake-ups a crawl and its server make all the time, which register and memory probes never do) left 5 of four
 * benches' 16 (two of them the same benches) over 10%, the server 2 (worst 11.3%). The server's witness, a real
 * workload of wake-ups, syscalls and memory, remains the best this host has.
 */
final class HostSpeeds {
    private HostSpeeds() {
    }

    static List<RunResult> settle(List<RunResult> runs) {
        Map<BenchMode, List<RunResult>> byMode = runs.stream().collect(Collectors.groupingBy(RunResult::mode));
        return runs.stream().map(run -> settle(run, byMode.get(run.mode()))).toList();
    }

    private static RunResult settle(RunResult run, List<RunResult> mode) {
        if (!witnessed(run)) {
            return run.withSpeed(MachineSpeed.notMeasured(run.speed().cores()));
        }
        List<RunResult> twins = mode.stream().filter(HostSpeeds::witnessed).toList();
        return run.withSpeed(new MachineSpeed(speed(run, twins, HostSpeeds::serverCpuPerPage),
                speed(run, twins, RunResult::cpuSecondsPer1000), run.speed().cores()));
    }

    /** The run's speed as {@code cost} saw it: the twins' median cost over the run's. */
    private static double speed(RunResult run, List<RunResult> twins, ToDoubleFunction<RunResult> cost) {
        return Spread.of(twins.stream().map(cost::applyAsDouble).toList()).median() / cost.applyAsDouble(run);
    }

    private static boolean witnessed(RunResult run) {
        return run.contention().serverCpuSeconds() > 0 && run.cpuSeconds() > 0 && run.figures().pages() > 0;
    }

    private static double serverCpuPerPage(RunResult run) {
        return run.contention().serverCpuSeconds() / run.figures().pages();
    }
}
