package dev.trawl.bench;

import static dev.trawl.bench.BenchFixtures.cpuBoundRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The host speed's arithmetic, the adjustment of a run's rate, and the verdict drawn from adjusted rates. */
class MachineSpeedTest {

    @Test
    void aFullyCpuBoundRunScalesWithTheHostSpeedAndAnIdleOneDoesNot() {
        MachineSpeed fast = new MachineSpeed(1.25, 1.25, 2);

        assertThat(fast.factor()).isCloseTo(1.25, within(1e-9));
        assertThat(fast.disagreement()).isZero();
        // both cores busy for the whole 8 s: at the typical speed the same work takes 25% longer
        assertThat(fast.wallAtReference(8, 16)).isCloseTo(10, within(1e-9));
        // no CPU used: all waiting, which a faster core does not shorten
        assertThat(fast.wallAtReference(8, 0)).isCloseTo(8, within(1e-9));
        // half the cores busy: half the wall time scales
        assertThat(fast.wallAtReference(8, 8)).isCloseTo(4 + 4 * 1.25, within(1e-9));
        // a process tree can show more CPU than cores x wall (children start and stop): capped at fully bound
        assertThat(fast.wallAtReference(8, 40)).isCloseTo(10, within(1e-9));
    }

    @Test
    void theSpeedIsTheServersAndTheCrawlsWitnessOnlyChecksIt() {
        MachineSpeed close = new MachineSpeed(1.05, 0.98, 2);
        MachineSpeed split = new MachineSpeed(1.2, 0.8, 2);

        assertThat(close.disagreement()).isCloseTo(1.05 / 0.98 - 1, within(1e-9));
        assertThat(close.disagreement()).isLessThanOrEqualTo(MachineSpeed.AGREEMENT);
        assertThat(close.factor()).isEqualTo(1.05);
        // 50% apart: the crawl's own cost moved, which is the mode's; the server's reading still stands for the host
        assertThat(split.disagreement()).isCloseTo(0.5, within(1e-9));
        assertThat(new MachineSpeed(0.8, 1.2, 2).disagreement()).isCloseTo(0.5, within(1e-9));
        assertThat(split.disagreement()).isGreaterThan(MachineSpeed.AGREEMENT);
        assertThat(split.factor()).isEqualTo(1.2);
        assertThat(new MachineSpeed(1.0999, 1.0, 2).disagreement()).isLessThanOrEqualTo(MachineSpeed.AGREEMENT);
        assertThat(new MachineSpeed(1.1001, 1.0, 2).disagreement()).isGreaterThan(MachineSpeed.AGREEMENT);
    }

    @Test
    void withoutBothWitnessesNothingIsAdjusted() {
        assertThat(MachineSpeed.notMeasured(2).measured()).isFalse();
        assertThat(MachineSpeed.notMeasured(2).factor()).isEqualTo(1);
        assertThat(MachineSpeed.notMeasured(2).wallAtReference(8, 16)).isEqualTo(8);
        // the crawl's own cost alone cannot tell a slow host from a wasteful run
        assertThat(new MachineSpeed(0, 1.25, 2).measured()).isFalse();
        assertThat(new MachineSpeed(0, 1.25, 2).factor()).isEqualTo(1);
        assertThat(new MachineSpeed(0, 1.25, 2).disagreement()).isZero();
        assertThatThrownBy(() -> new MachineSpeed(-1, 1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MachineSpeed(1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theVerdictJudgesEachModesSpreadAtItsTypicalHostSpeed() {
        // threads's second run met a host 20% slower than its first, its third one 4% faster: a 24% spread as
        // measured, none of it the mode's; async's runs met the typical host each time
        List<RunResult> runs = HostSpeeds.settle(List.of(cpuBoundRun(BenchMode.THREADS, 1, 1000, 1.0),
                cpuBoundRun(BenchMode.ASYNC, 1, 1030, 1.0), cpuBoundRun(BenchMode.THREADS, 2, 800, 0.8),
                cpuBoundRun(BenchMode.ASYNC, 2, 1025, 1.0), cpuBoundRun(BenchMode.THREADS, 3, 1040, 1.04),
                cpuBoundRun(BenchMode.ASYNC, 3, 1035, 1.0)));
        ModeStats threads = ModeStats.of(BenchMode.THREADS, runs.stream().filter(r -> r.mode() == BenchMode.THREADS).toList());
        ModeStats async = ModeStats.of(BenchMode.ASYNC, runs.stream().filter(r -> r.mode() == BenchMode.ASYNC).toList());

        assertThat(threads.speedMeasured()).isTrue();
        assertThat(threads.pagesPerSecond().relative()).isGreaterThan(0.2);
        assertThat(threads.adjustedPagesPerSecond().relative()).isLessThan(0.02);
        assertThat(threads.adjustedPagesPerSecond().median()).isCloseTo(1000, within(1.0));
        // the same work cost more CPU seconds on the slow host: 2.5 s per 1,000 pages at 0.8x is 2.0 at typical speed
        assertThat(threads.cpuPer1000().max()).isCloseTo(2.5, within(1e-9));
        assertThat(threads.adjustedCpuPer1000().relative()).isLessThan(0.02);
        assertThat(threads.comparedCpuPer1000()).isEqualTo(threads.adjustedCpuPer1000());

        Verdict verdict = Verdict.judge("cpu", List.of(threads, async), BenchFixtures.ioCeilings());

        // as measured, threads's 800-1,040 pages/s overlaps async's 1,025-1,035, a tie; at typical speed threads ran
        // 1,000 each time, and async leads by 3% beyond both spreads
        assertThat(verdict.winner()).isEqualTo(BenchMode.ASYNC);
        assertThat(verdict.tie()).isEmpty();
        assertThat(verdict.warnings()).anySatisfy(note -> assertThat(note)
                .startsWith("the host's cores ran at 0.80-1.04x their typical speed during a mode's runs")
                .contains("threads 24% -> 0%"));
        assertThat(verdict.warnings()).noneSatisfy(note -> assertThat(note).contains("spread 24%"));
        Verdict asMeasured = Verdict.judge("cpu", List.of(ModeStats.of(BenchMode.THREADS, runs.stream()
                .filter(r -> r.mode() == BenchMode.THREADS).map(r -> r.withSpeed(MachineSpeed.notMeasured(2))).toList()),
                ModeStats.of(BenchMode.ASYNC, runs.stream().filter(r -> r.mode() == BenchMode.ASYNC).toList())),
                BenchFixtures.ioCeilings());
        assertThat(asMeasured.tie()).containsExactly(BenchMode.THREADS);
    }
}
