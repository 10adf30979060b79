package dev.trawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The launcher's start-up cache is only as good as its training run: it must complete in every mode. */
class TrainCommandTest {

    @Test
    void trainingCrawlsTheSimulatedWebInEveryModeAndSucceeds() throws Exception {
        assertThat(new TrainCommand().call()).isZero();
    }
}
