package dev.trawl.frontier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.config.CrawlConfig;
import dev.trawl.fetch.FailureKind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrapGuardTest {
    private static final CrawlConfig.Traps LIMITS = new CrawlConfig.Traps(3, 2, 80, 6, 10, List.of(), true);

    private final TrapGuard guard = new TrapGuard(LIMITS);

    private static CrawlUrl link(String url) {
        return CrawlUrl.of(url, 1);
    }

    private Optional<FailureKind> kind(String url) {
        return guard.check(link(url)).map(TrapGuard.Stop::kind);
    }

    @Test
    void queryVariantsPerPathAreCappedButAVariantAlreadyFetchedIsNot() {
        for (int month = 1; month <= 3; month++) {
            assertThat(kind("http://a.test/cal?m=" + month)).isEmpty();
        }
        assertThat(guard.check(link("http://a.test/cal?m=4"))).hasValueSatisfying(stop -> {
            assertThat(stop.kind()).isEqualTo(FailureKind.TRAP_QUERY_VARIANTS);
            assertThat(stop.reason()).contains("traps.max-query-variants 3", "http://a.test/cal");
        });
        assertThat(kind("http://a.test/cal?m=2")).as("a retry or a second look at a known variant").isEmpty();
        assertThat(kind("http://a.test/other?m=4")).isEmpty();
    }

    @Test
    void tooLongTooDeepAndTooManyPagesPerHost() {
        assertThat(kind("http://a.test/" + "x".repeat(80))).contains(FailureKind.TRAP_URL_LENGTH);
        assertThat(kind("http://a.test/1/2/3/4/5/6/7")).contains(FailureKind.TRAP_PATH_DEPTH);
        assertThat(kind("http://a.test/1/2/3/4/5/6")).isEmpty();
        for (int i = 1; i < 10; i++) {
            assertThat(kind("http://b.test/" + i)).isEmpty();
        }
        assertThat(kind("http://b.test/10")).isEmpty();
        assertThat(kind("http://b.test/11")).contains(FailureKind.TRAP_PAGES_PER_HOST);
    }

    @Test
    void seedsAreExemptButCounted() {
        assertThat(guard.check(CrawlUrl.of("http://a.test/" + "x".repeat(100), 0))).isEmpty();
    }

    @ParameterizedTest(name = "{0}: repeated {1}")
    @CsvSource(delimiter = '|', value = {
        "a/b/a/b/a/b       | a/b",
        "x/a/a/a           | a",
        "a/b/c/a/b/c/a/b/c | a/b/c",
        "a/b/a/b           | ''",
        "a/a/b/b/c/c       | ''",
        "2024/01/2024/02   | ''",
    })
    void pathRepetitionIsFoundForRunsOfOneToThreeSegments(String path, String repeated) {
        assertThat(TrapGuard.repetition(path.split("/"), 2).orElse("")).isEqualTo(repeated);
    }

    @Test
    void repeatingPathIsStopped() {
        assertThat(kind("http://a.test/a/b/a/b/a/b")).contains(FailureKind.TRAP_PATH_REPETITION);
    }
}
