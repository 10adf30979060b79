package dev.trawl.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void noFileAndNoOverridesGivesTheDefaults() {
        assertSameConfig(ConfigLoader.load(Optional.empty(), List.of()), CrawlConfig.defaults());
    }

    @Test
    void anEmptyFileGivesTheDefaults() throws IOException {
        assertSameConfig(ConfigLoader.load(write("")), CrawlConfig.defaults());
        assertSameConfig(ConfigLoader.load(write("# only a comment\n")), CrawlConfig.defaults());
    }

    @Test
    void fileOverridesDefaultsAndOverridesOverrideTheFile() throws IOException {
        Path file = write("""
                politeness:
                  delay: 2s
                  per-host: 3
                scope:
                  kind: DOMAIN
                  exclude: ['\\.pdf$']
                """);

        CrawlConfig config = ConfigLoader.load(Optional.of(file), List.of(
                ConfigOverride.of("politeness.delay", "250ms"),
                ConfigOverride.of("concurrency.mode", "Virtual"),
                ConfigOverride.of("scope.include", "^https://a\\.test/", "x,y")));

        assertThat(config.politeness().delay()).isEqualTo(Duration.ofMillis(250)); // override beats file
        assertThat(config.politeness().perHost()).isEqualTo(3); // file beats default
        assertThat(config.politeness().robots()).isTrue(); // default survives
        assertThat(config.scope().kind()).isEqualTo(ScopeKind.DOMAIN);
        assertThat(config.concurrency().mode()).isEqualTo(Mode.VIRTUAL);
        assertThat(config.scope().exclude()).map(Pattern::pattern).containsExactly("\\.pdf$");
        assertThat(config.scope().include()).map(Pattern::pattern).containsExactly("^https://a\\.test/", "x,y");
    }

    @Test
    void yesNoOnOffAreWordsNotBooleans() throws IOException {
        CrawlConfig config = ConfigLoader.load(write("output: {progress: off}\npoliteness: {robots: false}\n"));
        assertThat(config.output().progress()).isEqualTo(ProgressMode.OFF);
        assertThat(config.politeness().robots()).isFalse();
    }

    @Test
    void aLaterOverrideOfTheSameKeyWins() {
        CrawlConfig config = ConfigLoader.load(Optional.empty(), List.of(
                ConfigOverride.of("limits.max-pages", "5"), ConfigOverride.of("limits.max-pages", "7")));
        assertThat(config.limits().maxPages()).isEqualTo(7);
    }

    @Test
    void anEmptyListOverrideClearsTheFilesList() throws IOException {
        Path file = write("scope: {include: ['a']}\n");
        CrawlConfig config = ConfigLoader.load(Optional.of(file),
                List.of(new ConfigOverride("scope.include", List.of(), "--include")));
        assertThat(config.scope().include()).isEmpty();
    }

    @Test
    void unknownKeyNamesFileAndKeyAndSuggestsTheFix() throws IOException {
        Path file = write("politeness:\n  dealy: 2s\n");
        assertError(() -> ConfigLoader.load(file), Optional.of(file), "politeness.dealy",
                file + ": unknown key 'politeness.dealy' (did you mean 'politeness.delay'?"
                        + " see config/default.yaml for every key)");
    }

    @Test
    void unknownSectionSuggestsTheNearestSection() throws IOException {
        Path file = write("politenes:\n  delay: 2s\n");
        assertError(() -> ConfigLoader.load(file), Optional.of(file), "politenes",
                file + ": unknown key 'politenes' (did you mean 'politeness'? see config/default.yaml for every key)");
    }

    @Test
    void aKeyUnderTheWrongSectionSuggestsItsSection() throws IOException {
        Path file = write("politeness:\n  user-agent: me\n");
        assertError(() -> ConfigLoader.load(file), Optional.of(file), "politeness.user-agent",
                file + ": unknown key 'politeness.user-agent' (did you mean 'fetch.user-agent'?"
                        + " see config/default.yaml for every key)");
    }

    @Test
    void aKeyOutsideAnySectionSuggestsItsSection() throws IOException {
        Path file = write("delay: 2s\n");
        assertError(() -> ConfigLoader.load(file), Optional.of(file), "delay",
                file + ": unknown key 'delay' (did you mean 'politeness.delay'? see config/default.yaml for every key)");
    }

    @Test
    void aDottedKeyAtTheTopSaysToNestIt() throws IOException {
        Path file = write("politeness.delay: 2s\n");
        assertError(() -> ConfigLoader.load(file), Optional.of(file), "politeness.delay",
                file + ": politeness.delay: write it nested, 'delay:' indented under 'politeness:'");
    }

    @Test
    void anUnrelatedUnknownKeyGetsNoSuggestion() throws IOException {
        Path file = write("fetch:\n  proxy: http://p\n");
        assertError(() -> ConfigLoader.load(file), Optional.of(file), "fetch.proxy",
                file + ": unknown key 'fetch.proxy' (see config/default.yaml for every key)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "fetch: {connect-timeout: 10 sec} | fetch.connect-timeout | not a duration: '10 sec' (write e.g. 0, 250ms, 1.5s, 2m)",
        "politeness: {delay: 2}           | politeness.delay      | a duration needs a unit: '2' (write e.g. 0, 250ms, 1.5s, 2m)",
        "politeness: {per-host: yes}      | politeness.per-host   | not a whole number: 'yes' (write e.g. 8)",
        "politeness: {per-host: [1, 2]}   | politeness.per-host   | expected a single value, not a list",
        "politeness: {per-host: }         | politeness.per-host   | has no value (give one, or delete the line to keep the default)",
        "politeness: {robots: maybe}      | politeness.robots     | must be true or false: 'maybe'",
        "politeness: {robots: yes}        | politeness.robots     | must be true or false: 'yes'",
        "fetch: {max-body: 10 MB}         | fetch.max-body        | not a size: '10 MB' (write e.g. 1048576, 512KiB, 1.5MiB, 10MB)",
        "scope: {kind: hosts}             | scope.kind            | must be one of host, domain, any: 'hosts'",
        "scope: {include: 'a.test'}       | scope.include         | expected a list such as ['^https://a\\.test/'], not a value: 'a.test' (write [] for none)",
        "scope: {exclude: ['(']}          | scope.exclude         | not a Java regex: '(' (Unclosed group near index 1)",
        "concurrency: {mode: fibers}      | concurrency.mode      | must be one of threads, async, virtual, processes: 'fibers'",
        "output: {progress: sometimes}    | output.progress       | must be one of auto, on, off: 'sometimes'",
        "limits: 5                        | limits                | expected a section with keys indented below it, not a value: '5'",
    })
    void badValuesNameFileAndKeyAndSayHowToWriteThem(String yaml, String key, String detail) throws IOException {
        Path file = write(yaml + "\n");
        assertError(() -> ConfigLoader.load(file), Optional.of(file), key, file + ": " + key + ": " + detail);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "politeness: {per-host: 0}                 | politeness.per-host     | must be at least 1: 0",
        "limits: {max-pages: 0}                    | limits.max-pages        | must be at least 1: 0",
        "fetch: {read-timeout: 0}                  | fetch.read-timeout      | must be positive: PT0S",
        "fetch: {user-agent: ' '}                  | fetch.user-agent        | must not be blank",
        "concurrency: {worker-mode: processes}     | concurrency.worker-mode | must be threads, async or virtual, not processes",
    })
    void valuesTheRecordsRejectNameFileAndKey(String yaml, String key, String detail) throws IOException {
        Path file = write(yaml + "\n");
        assertError(() -> ConfigLoader.load(file), Optional.of(file), key, file + ": " + key + ": " + detail);
    }

    @Test
    void aRejectedOverrideIsNamedByItsSource() throws IOException {
        Path file = write("politeness: {per-host: 4}\n");
        assertError(() -> ConfigLoader.load(Optional.of(file),
                        List.of(ConfigOverride.of("politeness.per-host", "0").from("--per-host"))),
                Optional.empty(), "politeness.per-host", "--per-host: must be at least 1: 0");
        assertError(() -> ConfigLoader.load(Optional.empty(),
                        List.of(ConfigOverride.of("fetch.connect-timeout", "10 sec").from("--connect-timeout"))),
                Optional.empty(), "fetch.connect-timeout",
                "--connect-timeout: not a duration: '10 sec' (write e.g. 0, 250ms, 1.5s, 2m)");
    }

    @Test
    void anOverrideWithoutASourceIsNamedByItsKey() {
        assertError(() -> ConfigLoader.load(Optional.empty(), List.of(ConfigOverride.of("limits.max-depth", "-1"))),
                Optional.empty(), "limits.max-depth", "limits.max-depth: must be at least 0: -1");
    }

    @Test
    void anUnknownOverrideKeySuggestsTheFix() {
        assertError(() -> ConfigLoader.load(Optional.empty(), List.of(ConfigOverride.of("limits.max-deph", "3"))),
                Optional.empty(), "limits.max-deph",
                "limits.max-deph: unknown key 'limits.max-deph' (did you mean 'limits.max-depth'?"
                        + " see config/default.yaml for every key)");
    }

    @Test
    void aScalarOverrideTakesExactlyOneValue() {
        assertError(() -> ConfigLoader.load(Optional.empty(), List.of(ConfigOverride.of("politeness.delay", "1s", "2s"))),
                Optional.empty(), "politeness.delay", "politeness.delay: takes exactly one value, got 2: [1s, 2s]");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("x.yaml");
        assertError(() -> ConfigLoader.load(missing), Optional.of(missing), "", "config file not found: " + missing);
    }

    @Test
    void aYamlSyntaxErrorGivesLineAndColumn() throws IOException {
        Path file = write("fetch:\n  retries: 2\n   max-redirects: [\n");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.file()).contains(file);
                    assertThat(e.key()).isEmpty();
                })
                .hasMessage(file + ":3:17: not valid YAML: mapping values are not allowed here"
                        + " (check the indentation and quoting there)");
    }

    @Test
    void aDuplicateKeyIsAnError() throws IOException {
        Path file = write("limits:\n  max-depth: 2\n  max-depth: 3\n");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ":3:")
                .hasMessageContaining("max-depth");
    }

    @Test
    void asyncClientIsTheReactorUnlessOkHttpIsAskedFor() {
        assertThat(ConfigLoader.load(Optional.empty(), List.of()).concurrency().asyncClient())
                .isEqualTo(AsyncClient.REACTOR);
        assertThat(ConfigLoader.load(Optional.empty(), List.of(ConfigOverride.of("concurrency.async-client", "okhttp")))
                .concurrency().asyncClient()).isEqualTo(AsyncClient.OKHTTP);
    }

    @Test
    void keysListsEveryKeyInDefaultYamlOrder() {
        assertThat(ConfigLoader.keys()).doesNotHaveDuplicates().contains("fetch.allow-private").startsWith("fetch.user-agent").endsWith("extract.fields");
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("my.yaml"), yaml);
    }

    static void assertSameConfig(CrawlConfig actual, CrawlConfig expected) {
        assertThat(actual).usingRecursiveComparison()
                .withEqualsForType((a, b) -> a.pattern().equals(b.pattern()), Pattern.class)
                .isEqualTo(expected);
    }

    private static void assertError(ThrowingCallable call, Optional<Path> file, String key, String message) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.file()).isEqualTo(file);
                    assertThat(e.key()).isEqualTo(key);
                })
                .hasMessage(message);
    }
}
