package dev.trawl.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SizesTest {

    @ParameterizedTest
    @CsvSource({
        "1048576,  1048576",
        "0,        0",
        "12B,      12",
        "512KiB,   524288",
        "1.5MiB,   1572864",
        "10MiB,    10485760",
        "1GiB,     1073741824",
        "10MB,     10000000",
        "2KB,      2000",
        "1.5GB,    1500000000",
        "10mib,    10485760",
        "' 4KiB ', 4096",
    })
    void parsesBinaryUnitsAsPowersOf1024AndDecimalUnitsAsPowersOf1000(String text, long bytes) {
        assertThat(Sizes.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10 MB   | not a size: '10 MB' (write e.g. 1048576, 512KiB, 1.5MiB, 10MB)",
        "-1      | not a size: '-1' (write e.g. 1048576, 512KiB, 1.5MiB, 10MB)",
        "lots    | not a size: 'lots' (write e.g. 1048576, 512KiB, 1.5MiB, 10MB)",
        "1.5B    | not a size: '1.5B' (must come to a whole number of bytes, at most 8EiB)",
        "9999999TiB | not a size: '9999999TiB' (must come to a whole number of bytes, at most 8EiB)",
    })
    void refusesAnythingElseSayingHowToWriteIt(String text, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> Sizes.parse(text)).withMessage(message);
    }

    @ParameterizedTest
    @CsvSource({
        "0,          0",
        "1000001,    1000001",
        "1024,       1KiB",
        "10485760,   10MiB",
        "1572864,    1.5MiB",
        "10000000,   10MB",
        "1536,       1.5KiB",
        "1000,       1KB",
    })
    void formatsPreferringBinaryUnits(long bytes, String text) {
        assertThat(Sizes.format(bytes)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"0", "1", "999", "1000", "1023", "1536", "123456789", "9223372036854775807"})
    void formatThenParseIsTheIdentity(long bytes) {
        assertThat(Sizes.parse(Sizes.format(bytes))).isEqualTo(bytes);
    }
}
