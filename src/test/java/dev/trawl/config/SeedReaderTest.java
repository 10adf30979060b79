package dev.trawl.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeedReaderTest {

    @TempDir
    Path dir;

    @Test
    void commentsBlankLinesAndBadLinesAreSkippedAndBadLinesReportedWithTheirLineNumbers() throws IOException {
        Path file = write("""
                # News sites
                https://a.test/

                  https://b.test/path?q=1   # trailing comment
                ftp://x
                https://c.test/page#section
                http://a b/
                https://a.test/
                /relative
                http:///no-host
                https://d.test:99999/
                """);

        Seeds seeds = SeedReader.read(file);

        assertThat(seeds.urls()).containsExactly("https://a.test/", "https://b.test/path?q=1", "https://c.test/page#section");
        assertThat(seeds.problems()).map(SeedProblem::toString).containsExactly(
                file + ":5: not an absolute http(s) URL: 'ftp://x'",
                file + ":7: contains whitespace (encode it as %20): 'http://a b/'",
                file + ":9: not an absolute http(s) URL: '/relative'",
                file + ":10: has no host: 'http:///no-host'",
                file + ":11: bad port (must be 1 to 65535): 'https://d.test:99999/'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://a.test/           | ",
        "HTTP://A.test:8080/x      | ",
        "http://[::1]:8080/        | ",
        "mailto:me@a.test          | not an absolute http(s) URL",
        "a.test                    | not an absolute http(s) URL",
        "https:a.test              | has no host",
        "http://a.test:0/          | bad port (must be 1 to 65535)",
        "http://a.test:x/          | bad port (must be 1 to 65535)",
        "http://a.test/%zz         | not a valid URL (Malformed escape pair at index 14)",
    })
    void acceptsOnlyAbsoluteHttpUrlsWithAHostAndAValidPort(String text, String reason) {
        assertThat(SeedUrls.problemWith(text)).isEqualTo(Optional.ofNullable(reason));
    }

    @Test
    void aByteOrderMarkAndCrlfLineEndsAreHandled() throws IOException {
        Path file = dir.resolve("bom.txt");
        Files.write(file, "\uFEFFhttps://a.test/\r\n# c\r\nftp://x\r\nhttps://b.test/\r\n".getBytes(StandardCharsets.UTF_8));

        Seeds seeds = SeedReader.read(file);

        assertThat(seeds.urls()).containsExactly("https://a.test/", "https://b.test/");
        assertThat(seeds.problems()).map(SeedProblem::toString)
                .containsExactly(file + ":3: not an absolute http(s) URL: 'ftp://x'");
    }

    @Test
    void aFileWithNoUsableSeedIsAnErrorCountingLinesAndRejects() throws IOException {
        Path file = write("# nothing yet\n\nftp://x\n");
        assertThatThrownBy(() -> SeedReader.read(file))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.file()).contains(file))
                .hasMessage(file + ": no usable seed URL (3 lines, 1 rejected)\n"
                        + "  " + file + ":3: not an absolute http(s) URL: 'ftp://x'");
    }

    @Test
    void anEmptyFileIsAnError() throws IOException {
        Path file = write("");
        assertThatThrownBy(() -> SeedReader.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": no usable seed URL (0 lines, 0 rejected)");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("x.txt");
        assertThatThrownBy(() -> SeedReader.read(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessage("seed file not found: " + missing);
    }

    @Test
    void argumentsAreValidatedTheSameWayAndNamedByPosition() {
        Seeds seeds = SeedReader.fromArguments(List.of("https://a.test/", "ftp://x", " https://b.test/ ", ""));

        assertThat(seeds.urls()).containsExactly("https://a.test/", "https://b.test/");
        assertThat(seeds.problems()).map(SeedProblem::toString).containsExactly(
                "argument 2: not an absolute http(s) URL: 'ftp://x'", "argument 4: empty: ''");
    }

    @Test
    void fileAndArgumentsMergeInOrderWithoutDuplicates() throws IOException {
        Path file = write("https://a.test/\nhttps://b.test/\n");

        Seeds seeds = SeedReader.read(Optional.of(file), List.of("https://c.test/", "https://a.test/"));

        assertThat(seeds.urls()).containsExactly("https://a.test/", "https://b.test/", "https://c.test/");
        assertThat(seeds.problems()).isEmpty();
    }

    @Test
    void noUsableSeedAnywhereIsAnError() {
        assertThatThrownBy(() -> SeedReader.read(Optional.empty(), List.of("ftp://x")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("no usable seed URL (1 arguments, 1 rejected; give a seed file or URLs)\n"
                        + "  argument 1: not an absolute http(s) URL: 'ftp://x'");
    }

    @Test
    void theShippedSeedFilesAreAllUsable() {
        for (String name : List.of("example.txt", "docs.txt")) {
            Seeds seeds = SeedReader.read(Path.of("seeds", name));
            assertThat(seeds.problems()).as(name).isEmpty();
            assertThat(seeds.urls()).as(name).isNotEmpty();
        }
    }

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("news.txt"), text);
    }
}
