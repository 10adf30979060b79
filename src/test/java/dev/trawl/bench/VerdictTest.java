package dev.trawl.bench;

import static dev.trawl.bench.BenchFixtures.ioCeilings;
import static dev.trawl.bench.BenchFixtures.run;
import static dev.trawl.bench.BenchFixtures.stats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.trawl.config.Mode;
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
        Verdict verdict = Verdict.judge("io", List.of(stats(Mode.THREADS, 500, 505, 510), stats(Mode.VIRTUAL, 900, 905, 910)),
                ioCeilings());

        assertThat(verdict.winner()).isEqualTo(Mode.VIRTUAL);
        assertThat(verdict.tie()).isEmpty();
        assertThat(verdict.marginPct()).isCloseTo(79.2, within(0.1));
        assertThat(verdict.text()).startsWith("io: virtual wins, 79% ahead of the next mode, more than the spread.");
    }

    @Test
    void modesWhoseRangesOverlapTie() {
        Verdict verdict = Verdict.judge("io", List.of(stats(Mode.ASYNC, 880, 900, 920), stats(Mode.VIRTUAL, 890, 905, 915),
                stats(Mode.THREADS, 500, 505, 510)), ioCeilings());

        assertThat(verdict.winner()).isEqualTo(Mode.VIRTUAL);
        assertThat(verdict.tie()).containsExactly(Mode.ASYNC);
        assertThat(verdict.text()).startsWith("io: virtual and async tie (within spread; virtual leads by 1%)");
    }

    @Test
    void threeTiedModesAreListedInPlainWords() {
        Verdict verdict = Verdict.judge("io", List.of(stats(Mode.ASYNC, 880, 900, 920), stats(Mode.VIRTUAL, 890, 905, 915),
                stats(Mode.THREADS, 870, 890, 910)), ioCeilings());

        assertThat(verdict.text()).startsWith("io: virtual, async and threads tie (within spread;");
    }

    @Test
    void aModeNearTheLatencyBoundIsBoundByNetworkWait() {
        // 64 in flight / 64 ms = 1,000 pages/s; the crawl itself runs at 10,000 pages in 10.5 s
        ModeStats virtual = ModeStats.of(Mode.VIRTUAL, List.of(run(Mode.VIRTUAL, 1, 10_000, 11.5, 1, 8, Map.of())));

        String bound = Verdict.bound(virtual, ioCeilings(), virtual);

        assertThat(bound).startsWith("network wait, 95% of the 64 / 64 ms bound");
    }

    @Test
    void busyCoresMakeAModeCpuBoundAndProcessesPaysForItsPipe() {
        Ceilings cpu = new Ceilings(5000, 64, 800, 2, 32, 0);
        // 4,000 pages in 6 s on 2 cores fully busy: 12 CPU s, 3 s per 1,000 pages
        ModeStats threads = ModeStats.of(Mode.THREADS, List.of(run(Mode.THREADS, 1, 4000, 6, 1, 12, Map.of())));
        ModeStats processes = ModeStats.of(Mode.PROCESSES, List.of(run(Mode.PROCESSES, 1, 4000, 7, 1, 14,
                Map.of("pipe_messages", 30_000L, "pipe_bytes", 8L << 20))));

        assertThat(Verdict.bound(threads, cpu, threads)).startsWith("CPU (2.0 of 2 cores busy), 100% of the parse-only rate");
        assertThat(Verdict.bound(processes, cpu, threads))
                .contains("+0.50 CPU s per 1,000 pages against threads for its extra JVMs and the pipe (30,000 messages, 8.0 MiB)");
    }

    @Test
    void aLongStartUpIsNamed() {
        ModeStats processes = ModeStats.of(Mode.PROCESSES, List.of(run(Mode.PROCESSES, 1, 2000, 6, 3, 4, Map.of())));

        assertThat(Verdict.bound(processes, ioCeilings(), processes)).startsWith("start-up (3.0 s of 6.0 s before the first page)");
    }

    @Test
    void warningsNameAServerNearItsCapacityAndANoisySpread() {
        Ceilings weakServer = new Ceilings(1000, 128, 1200, 2, 64, 64);
        Verdict verdict = Verdict.judge("io", List.of(stats(Mode.VIRTUAL, 800, 900, 1000)), weakServer);

        assertThat(verdict.warnings()).anySatisfy(w -> assertThat(w).startsWith("virtual came within 20% of the server's capacity"));
        assertThat(verdict.warnings()).anySatisfy(w -> assertThat(w).startsWith("virtual: pages/s spread 22% across 3 runs"));
    }

    @Test
    void aModeFarAboveItsCeilingCastsDoubtOnTheCeiling() {
        Ceilings lowParse = new Ceilings(5000, 64, 100, 2, 32, 0);
        Verdict verdict = Verdict.judge("cpu", List.of(stats(Mode.THREADS, 300, 300, 300)), lowParse);

        assertThat(verdict.warnings()).anySatisfy(w -> assertThat(w).contains("that ceiling measured low"));
    }

    @Test
    void aBusyMachineIsNamedAsTheLikeliestBound() {
        Verdict verdict = Verdict.judge("cpu", List.of(stats(Mode.THREADS, 200, 210, 220)), new Ceilings(5000, 64, 800, 2, 32, 0), 17);

        assertThat(verdict.bounds().get(Mode.THREADS)).contains("the machine was busy (load 17.0)");
        assertThat(verdict.warnings()).anySatisfy(w -> assertThat(w).startsWith("the load average reached 17.0 on 2 cores"));
    }

    @Test
    void oneRunPerModeClaimsNoWinOverTheSpread() {
        Verdict verdict = Verdict.judge("io", List.of(stats(Mode.THREADS, 500), stats(Mode.VIRTUAL, 510)), ioCeilings());

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
