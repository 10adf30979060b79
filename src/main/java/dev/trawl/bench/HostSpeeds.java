package dev.trawl.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Settles each run's host speed once all runs are in ({@link MachineSpeed}): the probe's readings against their
 * median over the counted runs (the typical speed, so that the adjusted rates stay near the measured ones), then the
 * sim server's witness. Pure.
 *
 * <p>The witness: the server does the same work for every run of a mode (the same pages to the same client), so the
 * ratio of its CPU per page to the mode's median says how much slower or faster the cores ran for that run. Only the
 * ratio within a mode means anything, so it is placed at the probe's median level for the mode: the witness moves a
 * mode's runs against each other, the probe alone sets how the modes stand against one another.
 */
final class HostSpeeds {
    private HostSpeeds() {
    }

    static List<RunResult> settle(List<RunResult> runs) {
        List<Double> speeds = runs.stream().map(run -> run.speed().unitsPerSecond()).filter(v -> v > 0).toList();
        if (speeds.isEmpty()) {
            return runs;
        }
        double reference = Spread.of(speeds).median();
        List<RunResult> referenced = runs.stream().map(run -> run.withSpeed(run.speed().against(reference))).toList();
        Map<BenchMode, List<RunResult>> byMode = referenced.stream().filter(HostSpeeds::witnessed)
                .collect(Collectors.groupingBy(RunResult::mode));
        List<RunResult> settled = new ArrayList<>(referenced.size());
        for (RunResult run : referenced) {
            List<RunResult> mode = byMode.getOrDefault(run.mode(), List.of());
            if (!witnessed(run) || mode.size() < 2) {
                settled.add(run);
                continue;
            }
            double typicalCost = Spread.of(mode.stream().map(HostSpeeds::serverCpuPerPage).toList()).median();
            double probeLevel = Spread.of(mode.stream().map(r -> r.speed().probeFactor()).toList()).median();
            double witness = typicalCost / serverCpuPerPage(run) * probeLevel;
            settled.add(run.withSpeed(run.speed().witnessedAt(witness)));
        }
        return settled;
    }

    private static boolean witnessed(RunResult run) {
        return run.speed().measured() && run.contention().serverCpuSeconds() > 0 && run.figures().pages() > 0;
    }

    private static double serverCpuPerPage(RunResult run) {
        return run.contention().serverCpuSeconds() / run.figures().pages();
    }
}
