package dev.trawl.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wait for a quiet machine, against a made-up machine. */
class QuietGateTest {

    /** A machine whose other processes use these cores, one figure per look. */
    private static QuietGate.Probe machine(Double... cores) {
        ArrayDeque<Double> looks = new ArrayDeque<>(List.of(cores));
        return interval -> looks.isEmpty() ? 0 : looks.poll();
    }

    @Test
    void aQuietMachineIsMeasuredAfterOneLook() throws InterruptedException {
        QuietGate.Outcome outcome = new QuietGate(machine(0.05), Duration.ofSeconds(10)).await();

        assertThat(outcome).isEqualTo(new QuietGate.Outcome(QuietGate.INTERVAL, 0.05, true));
    }

    @Test
    void aBurstOfOtherWorkIsWaitedOut() throws InterruptedException {
        QuietGate.Outcome outcome = new QuietGate(machine(1.6, 1.2, 0.9, 0.1), Duration.ofSeconds(10)).await();

        assertThat(outcome.quiet()).isTrue();
        assertThat(outcome.waited()).isEqualTo(QuietGate.INTERVAL.multipliedBy(4));
        assertThat(outcome.otherCores()).isEqualTo(0.1);
    }

    @Test
    void aMachineThatStaysBusyIsMeasuredAnywayOnceThePatienceRunsOut() throws InterruptedException {
        QuietGate.Outcome outcome = new QuietGate(machine(1.5, 1.5, 1.5, 1.4, 0.0), Duration.ofMillis(1500)).await();

        assertThat(outcome).isEqualTo(new QuietGate.Outcome(Duration.ofMillis(1500), 1.5, false));
    }

    @Test
    void noPatienceMeansNoLook() throws InterruptedException {
        QuietGate.Probe never = interval -> {
            throw new AssertionError("looked at the machine");
        };

        assertThat(new QuietGate(never, Duration.ZERO).await()).isEqualTo(new QuietGate.Outcome(Duration.ZERO, 0, true));
        assertThatThrownBy(() -> new QuietGate(never, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
