package dev.trawl.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How each run's host speed is settled from the probe's readings and the sim server's CPU per page. */
class HostSpeedsTest {

    /** A CPU-bound run of 10,000 pages: the probe read {@code probe} units/s, the server used {@code serverCpu} s. */
    private static RunResult run(BenchMode mode, int repeat, double pagesPerSecond, double probe, double serverCpu) {
        double wall = 10_000 / pagesPerSecond;
        RunResult made = BenchFixtures.run(mode, repeat, 10_000, wall, 0.5, 2 * wall, Map.of());
        return new RunResult(mode, repeat, wall, 2 * wall, 200, made.figures(), new Contention(serverCpu, 0, 0, 0),
                new MachineSpeed(probe, 0, 2));
    }

    @Test
    void theProbeIsHeldAgainstItsMedianOverTheSameModesRuns() {
        List<RunResult> settled = HostSpeeds.settle(List.of(run(BenchMode.THREADS, 1, 900, 90, 0),
                run(BenchMode.ASYNC, 1, 1000, 200, 0), run(BenchMode.THREADS, 2, 1000, 100, 0),
                run(BenchMode.THREADS, 3, 1100, 110, 0), run(BenchMode.ASYNC, 2, 1000, 220, 0)));

        // no server CPU measured: the probe alone, against threads's median reading (100) and async's (210)
        assertThat(settled).extracting(r -> r.speed().factor())
                .containsExactly(0.9, 200 / 210.0, 1.0, 1.1, 220 / 210.0);
        assertThat(settled).allSatisfy(r -> assertThat(r.speed().witness()).isZero());
        // threads's slow first run is lifted to its twins' rate; its fast third run is brought down to it
        assertThat(settled.get(0).adjustedPagesPerSecond()).isCloseTo(1000, within(1e-6));
        assertThat(settled.get(3).adjustedPagesPerSecond()).isCloseTo(1000, within(1e-6));
    }

    @Test
    void aModeThatMakesTheProbeReadFasterIsNotChargedForIt() {
        // every async run had the probe reading 20% faster than beside threads (the probe's cost depends on the mode
        // beside it); the rates are as measured, and the modes stand where their runs put them
        List<RunResult> settled = HostSpeeds.settle(List.of(
                run(BenchMode.THREADS, 1, 1000, 100, 2.0), run(BenchMode.ASYNC, 1, 1200, 120, 1.0),
                run(BenchMode.THREADS, 2, 1000, 100, 2.0), run(BenchMode.ASYNC, 2, 1200, 120, 1.0)));

        assertThat(settled).allSatisfy(r -> assertThat(r.speed().factor()).isCloseTo(1.0, within(1e-9)));
        ModeStats threads = ModeStats.of(BenchMode.THREADS, settled.stream().filter(r -> r.mode() == BenchMode.THREADS).toList());
        ModeStats async = ModeStats.of(BenchMode.ASYNC, settled.stream().filter(r -> r.mode() == BenchMode.ASYNC).toList());
        assertThat(Verdict.judge("cpu", List.of(threads, async), BenchFixtures.ioCeilings()).winner())
                .isEqualTo(BenchMode.ASYNC);
    }

    @Test
    void theServersCpuPerPageIsASecondWitness() {
        // async's second run: the server needed 20% more CPU for the same pages (a slow host), which the probe's
        // samples missed; threads's server cost is higher than async's (another client), but only its own median counts
        List<RunResult> settled = HostSpeeds.settle(List.of(
                run(BenchMode.THREADS, 1, 1000, 100, 2.0), run(BenchMode.ASYNC, 1, 1100, 100, 1.5),
                run(BenchMode.THREADS, 2, 1000, 100, 2.0), run(BenchMode.ASYNC, 2, 917, 100, 1.8),
                run(BenchMode.THREADS, 3, 1000, 100, 2.0), run(BenchMode.ASYNC, 3, 1100, 100, 1.5)));

        RunResult slow = settled.get(3);
        assertThat(slow.speed().probeFactor()).isEqualTo(1.0);
        assertThat(slow.speed().witness()).isCloseTo(1.5 / 1.8, within(1e-9));
        assertThat(slow.speed().factor()).isCloseTo(Math.sqrt(1.5 / 1.8), within(1e-9));
        assertThat(settled.get(0).speed().factor()).isCloseTo(1.0, within(1e-9));
        assertThat(settled.get(1).speed().factor()).isCloseTo(1.0, within(1e-9));
        // the slow run's rate comes closer to its twins' once the witness is heard
        double spreadBefore = 1100 / 917.0 - 1;
        double spreadAfter = 1100 / slow.adjustedPagesPerSecond() - 1;
        assertThat(spreadAfter).isLessThan(spreadBefore / 2);
    }

    @Test
    void aModeWithOneServerFigureOrNoProbeKeepsWhatItHas() {
        List<RunResult> settled = HostSpeeds.settle(List.of(run(BenchMode.THREADS, 1, 1000, 100, 2.0),
                run(BenchMode.ASYNC, 1, 1000, 80, 1.0), run(BenchMode.ASYNC, 2, 1000, 120, 0),
                run(BenchMode.VIRTUAL, 1, 1000, 0, 1.0)));

        // threads ran once: its own typical speed; async has one server figure, so the probe alone
        assertThat(settled).extracting(r -> r.speed().witness()).containsOnly(0.0);
        assertThat(settled).extracting(r -> r.speed().factor()).containsExactly(1.0, 0.8, 1.2, 1.0);
        assertThat(settled.get(3).speed().measured()).isFalse();
    }
}
