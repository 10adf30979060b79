package dev.trawl.bench;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Settles each run's host speed once all runs are in ({@link MachineSpeed}), against the typical speed of its own
 * mode's runs. Pure.
 *
 * <p>Two witnesses, both seeing the whole run: the sim server's CPU per page served (the same pages to the same
 * client in every run of a mode, so it moves with the cores' speed), and the crawl's own CPU per page (the same
 * code on the same pages). Each is held against its median over the mode's runs: the modes' costs differ for real
 * reasons (how each client talks to the server, what each scheduler spends), and only a run's difference from its
 * twins says anything about the host. So the adjustment narrows each mode's spread and leaves the modes where
 * their runs put them; interleaving the rounds is what keeps the host's drift from favouring one mode.
 *
 * <p>Why these two: over 144 mode-runs of 12 benches (four sessions, io and cpu) they never disagreed by more than
 * 14% on a run, and by more than 10% on 3, so what moves a run's cost per page is mostly the host, not the mode.
 * Over 36 default-size mode-runs, heard together left a worst spread of 8.3% (none over 10%); the server alone
 * 13.3% (5 over); a sampling probe thread, which this replaced, 32% alone and 18.8% mixed with the server (its
 * cost depended on the mode beside it, and its samples strayed 7–8% over 5 s). But for a CPU-bound crawl the
 * crawl's witness is nearly its own rate against its twins', so heard alone it would excuse any slow run as a slow
 * host: it is heard only beside the server's and only where the two agree ({@link MachineSpeed#AGREEMENT}); a run
 * where they do not is adjusted by the server's alone, and the verdict says so. With that rule the same 36
 * mode-runs leave a worst spread of 11.2%, one over 10% (a processes mode whose slowest run's witnesses disagreed
 * by just over 10%).
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
