package dev.trawl.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
        "0,       0",
        "0.0,     0",
        "250ms,   250",
        "1.5s,    1500",
        "2m,      120000",
        "1h,      3600000",
        "PT2S,    2000",
        "pt0.5s,  500",
        "' 3s ',  3000",
        "0.5ms,   0.5",
    })
    void parsesWhatPeopleWrite(String text, double millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofNanos(Math.round(millis * 1_000_000)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10 sec | not a duration: '10 sec' (write e.g. 0, 250ms, 1.5s, 2m)",
        "2      | a duration needs a unit: '2' (write e.g. 0, 250ms, 1.5s, 2m)",
        "1.5    | a duration needs a unit: '1.5' (write e.g. 0, 250ms, 1.5s, 2m)",
        "-1s    | not a duration: '-1s' (write e.g. 0, 250ms, 1.5s, 2m)",
        "PT-1S  | not a duration: 'PT-1S' (write e.g. 0, 250ms, 1.5s, 2m)",
        "5d     | not a duration: '5d' (write e.g. 0, 250ms, 1.5s, 2m)",
        "''     | not a duration: '' (write e.g. 0, 250ms, 1.5s, 2m)",
    })
    void refusesAnythingElseSayingHowToWriteIt(String text, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse(text)).withMessage(message);
    }

    @ParameterizedTest
    @CsvSource({
        "0,          0",
        "250,        250ms",
        "1000,       1s",
        "1500,       1.5s",
        "30000,      30s",
        "60000,      1m",
        "300000,     5m",
        "90000,      90s",
        "21600000,   6h",
    })
    void formatsInTheShortestExactForm(long millis, String text) {
        assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"0", "1", "999", "1001", "59999", "61000", "3599999", "86400000"})
    void formatThenParseIsTheIdentity(long millis) {
        Duration duration = Duration.ofMillis(millis).plusNanos(millis % 7);
        assertThat(Durations.parse(Durations.format(duration))).isEqualTo(duration);
    }
}
