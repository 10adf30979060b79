package dev.trawl.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpeedProbeTest {

    @Test
    void theMedianCostOfTheUnitsWithinTheWindowLeavesAnInterruptedUnitOut() {
        SpeedProbe.Samples samples = new SpeedProbe.Samples();
        samples.add(10, 999); // before the window
        samples.add(20, 250);
        samples.add(30, 240);
        samples.add(40, 5_000); // an interrupt landed in this one
        samples.add(50, 260);
        samples.add(60, 0); // the clock did not tick: says nothing
        samples.add(70, 1); // after the window

        assertThat(samples.medianCostBetween(20, 60)).hasValue(255.0);
        assertThat(samples.medianCostBetween(20, 30)).hasValue(245.0);
        assertThat(samples.medianCostBetween(20, 50)).hasValue(255.0);
        assertThat(samples.medianCostBetween(21, 29)).isEmpty();
    }

    @Test
    void holdsMoreSamplesThanItStartsWith() {
        SpeedProbe.Samples samples = new SpeedProbe.Samples();
        for (int i = 0; i < 5_000; i++) {
            samples.add(i, i % 2 == 0 ? 100 : 300);
        }
        assertThat(samples.medianCostBetween(0, 4_999)).hasValue(200.0);
        assertThat(samples.medianCostBetween(4_000, 4_000)).hasValue(100.0);
    }

    @Test
    void theUnitIsTheSameWorkEveryTime() {
        assertThat(SpeedProbe.unit(42)).isEqualTo(SpeedProbe.unit(42)).isNotEqualTo(SpeedProbe.unit(44));
    }
}
