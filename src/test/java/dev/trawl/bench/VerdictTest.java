package dev.trawl.bench;

import static dev.trawl.bench.BenchFixtures.ioCeilings;
import static dev.trawl.bench.BenchFixtures.run;
import static dev.trawl.bench.BenchFixtures.stats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.trawl.stats.CrawlFigures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The statistics over repeats and the verdict drawn from them. */
class VerdictTest {

    @Test
    void spreadIsTheRangeOverTheMedian() {
        Spread spread = Spread.of(List.of(110.0, 90.0, 100.0));

        assertThat(spread.median()).isEqualTo(100);
        assertThat(spread.min()).isEqualTo(90);
        assertThat(spread.max()).isEqualTo(110);
        assertThat(spread.relative()).isCloseTo(0.2, within(1e-9));
        assertThat(Spread.of(List.of(1.0, 3.0)).median()).isEqualTo(2);
        assertThat(spread.overlaps(Spread.of(List.of(108.0, 120.0)))).isTrue();
        assertThat(spread.overlaps(Spread.of(List.of(111.0, 120.0)))).isFalse();
    }

    @Test
    void aModeClearlyAheadWinsByItsMargin() {
        Verdict verdict = Verdict.judge("io", List.of(stats(BenchMode.THREADS, 500, 505, 510), stats(BenchMode.VIRTUAL, 900, 905, 910)),
                ioCeilings());

        assertThat(verdict.winner()).isEqualTo(BenchMode.VIRTUAL);
        assertThat(verdict.tie()).isEmpty();
        assertThat(verdict.marginPct()).isCloseTo(79.2, within(0.1));
        assertThat(verdict.text()).startsWith("io: virtual wins, 79% ahead of the next mode, more than the spread.");
    }

    @Test
    void modesWhoseRangesOverlapTie() {
        Verdict verdict = Verdict.judge("io", List.of(stats(BenchMode.ASYNC, 880, 900, 920), stats(BenchMode.VIRTUAL, 890, 905, 915),
                stats(BenchMode.THREADS, 500, 505, 510)), ioCeilings());

        assertThat(verdict.winner()).isEqualTo(BenchMode.VIRTUAL);
        assertThat(verdict.tie()).containsExactly(BenchMode.ASYNC);
        assertThat(verdict.text()).startsWith("io: virtual and async tie (within spread; virtual leads by 1%)");
    }

    @Test
    void threeTiedModesAreListedInPlainWords() {
        Verdict verdict = Verdict.judge("io", List.of(stats(BenchMode.ASYNC, 880, 900, 920), stats(BenchMode.VIRTUAL, 890, 905, 915),
                stats(BenchMode.THREADS, 870, 890, 910)), ioCeilings());

        assertThat(verdict.text()).startsWith("io: virtual, async and threads tie (within spread;");
    }

    @Test
    void aModeNearTheLatencyBoundIsBoundByNetworkWait() {
        // 64 in flight / 64 ms = 1,000 pages/s; the crawl itself runs at 10,000 pages in 10.5 s
        ModeStats virtual = ModeStats.of(BenchMode.VIRTUAL, List.of(run(BenchMode.VIRTUAL, 1, 10_000, 11.5, 1, 8, Map.of())));

        String bound = Verdict.bound(virtual, ioCeilings(), virtual);

        assertThat(bound).startsWith("network wait, steady 952 pages/s, 95% of the 64 / 64 ms bound");
    }

    @Test
    void busyCoresMakeAModeCpuBoundAndProcessesPaysForItsPipe() {
        Ceilings cpu = new Ceilings(5000, 64, 800, 2, 32, 0);
        // 4,000 pages in 6 s on 2 cores fully busy: 12 CPU s, 3 s per 1,000 pages
        ModeStats threads = ModeStats.of(BenchMode.THREADS, List.of(run(BenchMode.THREADS, 1, 4000, 6, 1, 12, Map.of())));
        ModeStats processes = ModeStats.of(BenchMode.PROCESSES, List.of(run(BenchMode.PROCESSES, 1, 4000, 7, 1, 14,
                Map.of("pipe_messages", 30_000L, "pipe_bytes", 8L << 20))));

        assertThat(Verdict.bound(threads, cpu, threads)).startsWith("CPU (2.0 of 2 cores busy), steady 800 pages/s, 100% of the parse-only rate");
        assertThat(Verdict.bound(processes, cpu, threads))
                .contains("+0.50 CPU s per 1,000 pages against threads for its extra JVMs and the pipe (30,000 messages, 8.0 MiB)");
    }

    @Test
    void aLongStartUpIsNamed() {
        ModeStats processes = ModeStats.of(BenchMode.PROCESSES, List.of(run(BenchMode.PROCESSES, 1, 2000, 6, 3, 4, Map.of())));

        assertThat(Verdict.bound(processes, ioCeilings(), processes)).startsWith("start-up (3.0 s of 6.0 s before the first page)");
    }

    @Test
    void warningsNameAServerNearItsCapacityAndANoisySpread() {
        Ceilings weakServer = new Ceilings(1000, 128, 1200, 2, 64, 64);
        Verdict verdict = Verdict.judge("io", List.of(stats(BenchMode.VIRTUAL, 800, 900, 1000)), weakServer);

        assertThat(verdict.warnings()).anySatisfy(w -> assertThat(w).startsWith("virtual came within 20% of the server's capacity"));
        assertThat(verdict.warnings()).anySatisfy(w -> assertThat(w).startsWith("virtual: pages/s spread 22% across 3 runs"));
    }

    @Test
    void aModeFarAboveItsCeilingCastsDoubtOnTheCeiling() {
        Ceilings lowParse = new Ceilings(5000, 64, 100, 2, 32, 0);
        Verdict verdict = Verdict.judge("cpu", List.of(stats(BenchMode.THREADS, 300, 300, 300)), lowParse);

        assertThat(verdict.warnings()).anySatisfy(w -> assertThat(w).contains("that ceiling measured low"));
    }

    @Test
    void otherProcessesBusyDuringTheRunsAreNamedAsTheLikeliestBound() {
        // 1,000 pages in 5 s each; other processes used 3 CPU s of them: 0.6 cores
        Contention busy = new Contention(0.1, 3, 0, 0);
        ModeStats threads = ModeStats.of(BenchMode.THREADS, List.of(
                BenchFixtures.run(BenchMode.THREADS, 1, 1000, 5, 0.5, 4, Map.of(), busy),
                BenchFixtures.run(BenchMode.THREADS, 2, 1000, 5, 0.5, 4, Map.of(), busy)));

        Verdict verdict = Verdict.judge("cpu", List.of(threads), new Ceilings(5000, 64, 800, 2, 32, 0));

        assertThat(verdict.bounds().get(BenchMode.THREADS))
                .contains("the machine was busy (other processes kept 0.60 cores busy)");
        assertThat(verdict.warnings()).anySatisfy(w -> assertThat(w)
                .startsWith("other processes kept up to 0.60 of 2 cores busy during a run (threads;"));
    }

    @Test
    void anIdleMachineAndALightServerGoUnmentioned() {
        Contention quiet = new Contention(0.2, 0.1, 0, 0);
        ModeStats threads = ModeStats.of(BenchMode.THREADS, List.of(
                BenchFixtures.run(BenchMode.THREADS, 1, 1000, 5, 0.5, 4, Map.of(), quiet)));

        Verdict verdict = Verdict.judge("cpu", List.of(threads), new Ceilings(5000, 64, 800, 2, 32, 0));

        assertThat(verdict.warnings()).noneSatisfy(w -> assertThat(w).contains("other processes"))
                .noneSatisfy(w -> assertThat(w).contains("sim server"));
        assertThat(verdict.bounds().get(BenchMode.THREADS)).contains("its own scheduling");
    }

    @Test
    void aServerBusyOnTheCrawlsCoresIsNoted() {
        // the server used 1.5 CPU s over a 5 s run: 0.3 of 2 cores
        ModeStats async = ModeStats.of(BenchMode.ASYNC, List.of(
                BenchFixtures.run(BenchMode.ASYNC, 1, 1000, 5, 0.5, 4, Map.of(), new Contention(1.5, 0, 0, 0))));

        Verdict verdict = Verdict.judge("cpu", List.of(async), new Ceilings(5000, 64, 800, 2, 32, 0));

        assertThat(verdict.warnings()).anySatisfy(w -> assertThat(w)
                .startsWith("the sim server itself kept 0.30 of 2 cores busy during async's runs"));
    }

    @Test
    void aModeIsHeldAgainstTheBoundAtItsSteadyRateNotItsRamp() {
        // 2,000 / 1 s = 2,000 pages/s; 20,000 pages: nothing for 3 s (robots.txt, seed), then 2,000 pages/s for 10 s
        List<CrawlFigures.Sample> samples = new java.util.ArrayList<>();
        for (long ms = 0; ms <= 13_000; ms += 100) {
            samples.add(new CrawlFigures.Sample(ms, ms <= 3_000 ? 0 : (ms - 3_000) * 2));
        }
        CrawlFigures figures = new CrawlFigures("async", 20_000, 20_000, 0, 40_000_000, 13_000, 1000, 1000, 1000, 50, 3,
                80, 18, 300, 3_100, samples, Map.of());
        RunResult run = RunResult.builder(BenchMode.ASYNC, 1).wallSeconds(13.5).cpuSeconds(8).peakRssMib(200)
                .figures(figures).speed(MachineSpeed.notMeasured(2)).build();
        ModeStats async = ModeStats.of(BenchMode.ASYNC, List.of(run));

        assertThat(run.crawlPagesPerSecond()).isCloseTo(1538, within(1.0));
        assertThat(run.steadyPagesPerSecond()).isCloseTo(2000, within(1.0));
        assertThat(Verdict.bound(async, new Ceilings(8000, 4000, 20_000, 2, 2000, 1000), async))
                .startsWith("network wait, steady 2,000 pages/s, 100% of the 2000 / 1000 ms bound");
    }

    @Test
    void oneRunPerModeClaimsNoWinOverTheSpread() {
        Verdict verdict = Verdict.judge("io", List.of(stats(BenchMode.THREADS, 500), stats(BenchMode.VIRTUAL, 510)), ioCeilings());

        assertThat(verdict.judgedBySpread()).isFalse();
        assertThat(verdict.text()).contains("with one run per mode there is no spread to tell that from noise");
    }

    @Test
    void theBindingCeilingIsTheLowest() {
        assertThat(ioCeilings().binding().kind()).isEqualTo(Ceilings.Ceiling.Kind.CONCURRENCY);
        assertThat(ioCeilings().binding().pagesPerSecond()).isEqualTo(1000);
        assertThat(new Ceilings(5000, 64, 800, 2, 32, 0).binding().kind()).isEqualTo(Ceilings.Ceiling.Kind.PARSE);
        assertThat(new Ceilings(300, 64, 800, 2, 32, 0).binding().kind()).isEqualTo(Ceilings.Ceiling.Kind.SERVER);
    }
}
