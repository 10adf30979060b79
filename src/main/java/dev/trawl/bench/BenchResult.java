package dev.trawl.bench;

import java.util.List;

/**
 * Everything one bench measured and concluded. Immutable.
 *
 * @param plan     what was run
 * @param machine  where
 * @param ceilings the ceilings measured in the same run
 * @param runs     every measured crawl, in the order run
 * @param stats    per mode, in the plan's order
 * @param verdict  the conclusion
 * @param seconds  how long the whole bench took
 */
public record BenchResult(BenchPlan plan, Machine machine, Ceilings ceilings, List<RunResult> runs,
        List<ModeStats> stats, Verdict verdict, double seconds) {

    public BenchResult {
        runs = List.copyOf(runs);
        stats = List.copyOf(stats);
    }
}
