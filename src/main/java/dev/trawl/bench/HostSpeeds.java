package dev.trawl.bench;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Settles each run's host speed once all runs are in ({@link MachineSpeed}), against the typical speed of its own
 * mode's runs. Pure.
 *
 * <p>Why per mode: the probe's unit costs more beside some modes than others (a crawl of 50 threads switching
 * cores disturbs the probe's caches more than an event loop's 18). Measured: in four benches of interleaved rounds,
 * async's runs read the fastest host every time and threads's the slowest in three, which chance would do once in
 * hundreds. A reference pooled over all modes would charge that to the host and adjust the modes' rates apart.
 * Against its own mode's median, a run's speed only says how its host differed from its twins', so the adjustment
 * narrows each mode's spread and leaves the modes where their runs put them; interleaving the rounds is what keeps
 * the host's drift from favouring one mode.
 *
 * <p>Two witnesses, each against its mode's median: the probe's units per CPU second, and the sim server's CPU per
 * page served (the same pages to the same client in every run of a mode, so it moves with the cores' speed too, and
 * sees the whole run where the probe samples it). A run's speed is their geometric mean.
 */
final class HostSpeeds {
    private HostSpeeds() {
    }

    static List<RunResult> settle(List<RunResult> runs) {
        Map<BenchMode, List<RunResult>> byMode = runs.stream().collect(Collectors.groupingBy(RunResult::mode));
        return runs.stream().map(run -> settle(run, byMode.get(run.mode()))).toList();
    }

    private static RunResult settle(RunResult run, List<RunResult> mode) {
        List<Double> probe = mode.stream().map(r -> r.speed().unitsPerSecond()).filter(v -> v > 0).toList();
        if (run.speed().unitsPerSecond() <= 0 || probe.isEmpty()) {
            return run;
        }
        MachineSpeed speed = run.speed().against(Spread.of(probe).median());
        List<Double> serverCost = mode.stream().filter(HostSpeeds::witnessed).map(HostSpeeds::serverCpuPerPage).toList();
        if (witnessed(run) && serverCost.size() > 1) {
            speed = speed.witnessedAt(Spread.of(serverCost).median() / serverCpuPerPage(run));
        }
        return run.withSpeed(speed);
    }

    private static boolean witnessed(RunResult run) {
        return run.speed().unitsPerSecond() > 0 && run.contention().serverCpuSeconds() > 0 && run.figures().pages() > 0;
    }

    private static double serverCpuPerPage(RunResult run) {
        return run.contention().serverCpuSeconds() / run.figures().pages();
    }
}
