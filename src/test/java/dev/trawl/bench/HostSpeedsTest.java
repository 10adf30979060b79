package dev.trawl.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How each run's host speed is settled from the sim server's CPU per page and the crawl's own. */
class HostSpeedsTest {

    /**
     * A CPU-bound run of 10,000 pages at {@code pagesPerSecond}: the crawl used {@code cpuPer1000} CPU seconds per
     * 1,000 pages and the server {@code serverCpu} seconds in all.
     */
    private static RunResult run(BenchMode mode, int repeat, double pagesPerSecond, double cpuPer1000, double serverCpu) {
        double wall = 10_000 / pagesPerSecond;
        return BenchFixtures.run(mode, repeat, 10_000, wall, 0.5, 10 * cpuPer1000, Map.of()).toBuilder()
                .contention(new Contention(serverCpu, 0, 0, 0)).build();
    }

    private static List<RunResult> of(List<RunResult> runs, BenchMode mode) {
        return runs.stream().filter(r -> r.mode() == mode).toList();
    }

    @Test
    void eachWitnessIsHeldAgainstItsMedianOverTheSameModesRunsAndTheServersSetsTheSpeed() {
        List<RunResult> settled = HostSpeeds.settle(List.of(
                run(BenchMode.THREADS, 1, 900, 2.2, 2.2), run(BenchMode.ASYNC, 1, 1000, 1.6, 1.0),
                run(BenchMode.THREADS, 2, 1000, 2.0, 2.0), run(BenchMode.THREADS, 3, 1100, 1.8, 1.8),
                run(BenchMode.ASYNC, 2, 1000, 1.6, 1.0)));

        RunResult slow = settled.get(0);
        // against threads's medians (2.0 s per 1,000 pages, 2.0 s of server CPU): both saw a host 10% slower
        assertThat(slow.speed().crawl()).isCloseTo(2.0 / 2.2, within(1e-9));
        assertThat(slow.speed().server()).isCloseTo(2.0 / 2.2, within(1e-9));
        assertThat(slow.speed().factor()).isCloseTo(2.0 / 2.2, within(1e-9));
        assertThat(settled.get(3).speed().factor()).isCloseTo(2.0 / 1.8, within(1e-9));
        // async's runs are its own typical speed, whatever threads's costs were
        assertThat(of(settled, BenchMode.ASYNC)).allSatisfy(r -> assertThat(r.speed().factor()).isEqualTo(1.0));
        // threads's slow first run comes closer to its twins' rate, a fast one comes down to it
        assertThat(slow.adjustedPagesPerSecond()).isCloseTo(989, within(1.0));
        assertThat(Spread.of(of(settled, BenchMode.THREADS).stream().map(RunResult::adjustedPagesPerSecond).toList())
                .relative()).isLessThan(0.05);
    }

    @Test
    void aModeThatCostsTheServerMoreIsNotChargedForIt() {
        // threads's client makes the server work twice as hard per page as async's, and spends more CPU per page
        // itself: real differences between the modes, not the host's, so no run is adjusted
        List<RunResult> settled = HostSpeeds.settle(List.of(
                run(BenchMode.THREADS, 1, 1000, 2.0, 2.0), run(BenchMode.ASYNC, 1, 1200, 1.6, 1.0),
                run(BenchMode.THREADS, 2, 1000, 2.0, 2.0), run(BenchMode.ASYNC, 2, 1200, 1.6, 1.0)));

        assertThat(settled).allSatisfy(r -> assertThat(r.speed().factor()).isCloseTo(1.0, within(1e-9)));
        ModeStats threads = ModeStats.of(BenchMode.THREADS, of(settled, BenchMode.THREADS));
        ModeStats async = ModeStats.of(BenchMode.ASYNC, of(settled, BenchMode.ASYNC));
        assertThat(Verdict.judge("cpu", List.of(threads, async), BenchFixtures.ioCeilings()).winner())
                .isEqualTo(BenchMode.ASYNC);
    }

    @Test
    void aRunWhoseOwnCostMovedWithoutTheServersIsNotExcusedAndIsReported() {
        // async's second run spent 30% more CPU per page (a GC storm, say) while the server's cost did not move:
        // the host was not slower, so the run is adjusted by the server's witness alone, and the verdict says so
        List<RunResult> settled = HostSpeeds.settle(List.of(
                run(BenchMode.THREADS, 1, 1000, 2.0, 2.0), run(BenchMode.ASYNC, 1, 1200, 1.6, 1.0),
                run(BenchMode.THREADS, 2, 1000, 2.0, 2.0), run(BenchMode.ASYNC, 2, 923, 2.08, 1.0),
                run(BenchMode.THREADS, 3, 1000, 2.0, 2.0), run(BenchMode.ASYNC, 3, 1200, 1.6, 1.0)));

        RunResult storm = settled.get(3);
        assertThat(storm.speed().server()).isEqualTo(1.0);
        assertThat(storm.speed().crawl()).isCloseTo(1.6 / 2.08, within(1e-9));
        assertThat(storm.speed().disagreement()).isCloseTo(0.3, within(1e-9));
        assertThat(storm.speed().disagreement()).isGreaterThan(MachineSpeed.AGREEMENT);
        assertThat(storm.speed().factor()).isEqualTo(1.0);
        assertThat(storm.adjustedPagesPerSecond()).isCloseTo(923, within(1.0));
        ModeStats async = ModeStats.of(BenchMode.ASYNC, of(settled, BenchMode.ASYNC));
        assertThat(async.adjustedPagesPerSecond().relative()).isCloseTo(async.pagesPerSecond().relative(), within(1e-3));
        Verdict verdict = Verdict.judge("cpu", List.of(ModeStats.of(BenchMode.THREADS, of(settled, BenchMode.THREADS)),
                async), BenchFixtures.ioCeilings());
        assertThat(verdict.warnings()).anySatisfy(note -> assertThat(note)
                .startsWith("async: in a run the sim server's CPU per page and the crawl's own disagreed on the"
                        + " host's speed by 30% (more than 10%)"));
        assertThat(verdict.warnings()).noneSatisfy(note -> assertThat(note).startsWith("threads: in a run"));
        assertThat(verdict.warnings()).anySatisfy(note -> assertThat(note).startsWith("async: pages/s spread 23%"));
    }

    @Test
    void theCrawlsWitnessPassesOffNoneOfARunsOwnSlowness() {
        // threads's third run was 9% slower for reasons of its own (its CPU per page rose with it; the server's
        // did not): the witnesses still agree within 10%, and none of it is taken for the host's
        List<RunResult> settled = HostSpeeds.settle(List.of(run(BenchMode.THREADS, 1, 1000, 2.0, 2.0),
                run(BenchMode.THREADS, 2, 1000, 2.0, 2.0), run(BenchMode.THREADS, 3, 917, 2.18, 2.0)));

        RunResult slow = settled.get(2);
        assertThat(slow.speed().disagreement()).isLessThanOrEqualTo(MachineSpeed.AGREEMENT);
        double raw = 1000 / 917.0 - 1;
        double adjusted = 1000 / slow.adjustedPagesPerSecond() - 1;
        assertThat(adjusted).isCloseTo(raw, within(1e-9));
    }

    @Test
    void aRunWithoutTheServersWitnessIsNotAdjusted() {
        // the crawl's own cost alone would excuse a run that wasted CPU as a slow host: it is never heard alone
        List<RunResult> settled = HostSpeeds.settle(List.of(run(BenchMode.THREADS, 1, 900, 2.2, 0),
                run(BenchMode.THREADS, 2, 1000, 2.0, 0), run(BenchMode.ASYNC, 1, 1000, 1.6, 1.0),
                run(BenchMode.VIRTUAL, 1, 1000, 1.8, 1.0), run(BenchMode.VIRTUAL, 2, 800, 2.25, 0)));

        assertThat(settled).extracting(r -> r.speed().factor()).containsOnly(1.0);
        assertThat(settled).extracting(r -> r.speed().measured()).containsExactly(false, false, true, true, false);
        assertThat(settled.get(0).adjustedPagesPerSecond()).isEqualTo(settled.get(0).pagesPerSecond());
    }
}
