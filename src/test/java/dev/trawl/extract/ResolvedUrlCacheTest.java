package dev.trawl.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.jsoup.internal.StringUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link ResolvedUrlCache}: a value resolved on one page and read back on another is what jsoup gives on that other. */
class ResolvedUrlCacheTest {
    /** Bases that share a directory with others but differ after it (file, query, fragment), and some that share none. */
    private static final List<String> BASES = List.of("http://example.test/dir/page.html",
            "http://example.test/dir/other.html?x=1#y", "http://example.test/dir/", "http://example.test/dir/p.html#f",
            "http://example.test/dir/..", "http://example.test/dir/.", "http://example.test/dir/a?q=/x/y",
            "http://example.test/dir/a#f?g", "https://example.test/dir/page.html", "http://user:pw@example.test/dir/p",
            "http://example.test:8080/dir/p", "http://example.test?q", "http://example.test", "http://example.test/",
            "http://example.test/dir/a;b/c", "http://example.test/dir/a;b/d?e", "http://example.test/d\tir/p",
            "http://example.test/dir/p\n", "HTTP://example.test/dir/p", "file:/tmp/dir/x.html", "not a url", "");
    /** Values of every shape the cache must keep to their page, or may share. */
    private static final List<String> VALUES = List.of("img.png", "../up/img.png", "./same.png", "/root.png",
            "//cdn.test/x.png", "?q=1", "?q=1#frag", "#top", "", " spaced ", "x ", " x", "\tx", ".", "..", "./", "../",
            "../../../../x", "a?b#c", "a#b", "http://abs.test/x", "https://abs.test/x?y#z", "http://", "https://",
            "http:x", "http:", "http:?q", "http:#f", "http:/x", "https:x", "Http:x", "HTTP://Other.Test/Path",
            "mailto:x@y.test", "tel:+123", "javascript:void(0)", "http://[bad", "a:b", "foo:bar/x", "x/y:z", "x?y:z",
            "a b c.png", "é/ü.png", "ja\tva\nscript:alert(1)", "\u0001img\u001f.png", "x\r\ny", "http://h", "http://h?q", "http://h#f", "http:///x", "http://?q", "http://#f",
            "https:///", "//", "//h", "//h?q", "///x", "//?q", "//#f", "/", "/?q", "/#f");

    @Test
    void aValueResolvedOnOnePageIsReadBackOnTheNextInTheSameDirectory() {
        ResolvedUrlCache cache = new ResolvedUrlCache();
        String first = "http://example.test/docs/a.html";
        String second = "http://example.test/docs/b.html?x=1";
        new AbsoluteUrls(first, cache).resolve("img/up.png");
        assertThat(cache.get(ResolvedUrlCache.directoryOf(second).orElseThrow(), "img/up.png"))
                .isEqualTo("http://example.test/docs/img/up.png");
        assertThat(new AbsoluteUrls(second, cache).resolve("img/up.png")).isEqualTo("http://example.test/docs/img/up.png");
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void everyValueReadThroughTheCacheIsJsoupsForItsOwnPage() {
        List<String> bases = new ArrayList<>(BASES);
        for (int order = 0; order < 2; order++) {
            ResolvedUrlCache cache = new ResolvedUrlCache();
            for (String value : VALUES) {
                for (String base : bases) { // each base's page meets the value after the others have
                    assertThat(new AbsoluteUrls(base, cache).resolve(value)).as("%s against %s", value, base)
                            .isEqualTo(StringUtil.resolve(base, value));
                }
            }
            assertThat(cache.size()).isPositive();
            Collections.reverse(bases);
        }
    }

    @Test
    void randomValuesOfUrlPunctuationAgreeWithJsoupOnEveryPage() {
        String alphabet = "/?#.:@%;=&h ptsx\t";
        String[] prefixes = {"", "", "", "http:", "https:", "//", "http://", "../", "./"};
        Random random = new Random(6);
        ResolvedUrlCache cache = new ResolvedUrlCache();
        for (int n = 0; n < 3000; n++) {
            StringBuilder value = new StringBuilder(prefixes[random.nextInt(prefixes.length)]);
            for (int k = random.nextInt(7); k > 0; k--) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            for (String base : BASES) {
                assertThat(new AbsoluteUrls(base, cache).resolve(value.toString())).as("%s against %s", value, base)
                        .isEqualTo(StringUtil.resolve(base, value.toString()));
            }
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "http://example.test/dir/page.html      | http://example.test/dir/",
        "https://example.test/dir/p?x=/a/b#c    | https://example.test/dir/",
        "http://example.test/dir/p#a/b?c        | http://example.test/dir/",
        "http://u@example.test:81/a/b/          | http://u@example.test:81/a/b/",
        "http://example.test/                   | http://example.test/",
        "http://example.test                    | ``",
        "http://example.test?q/x                | ``",
        "HTTP://example.test/dir/p              | ``",
        "file:/tmp/x.html                       | ``",
    })
    void theKeyIsTheBaseUpToItsPathsLastSlash(String base, String directory) {
        assertThat(ResolvedUrlCache.directoryOf(base)).isEqualTo(directory.isEmpty() ? Optional.empty() : Optional.of(directory));
    }

    @Test
    void aBaseWithAControlCharacterInItsPathIsNotShared() {
        assertThat(ResolvedUrlCache.directoryOf("http://example.test/d\tir/p")).isEmpty();
        assertThat(ResolvedUrlCache.directoryOf("http://example.test/dir/p?\t")).contains("http://example.test/dir/");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "img.png | true", "../a/b.png | true", "/root | true", "//cdn.test/x | true", "a?b:c | true", "x/y:z | true",
        "http://abs.test/x | true", "https://abs.test/ | true",
        "`` | false", "?q | false", "#f | false", "` x` | false", "http:x | false", "mailto:a | false",
        "Http://abs.test/x | false", "a:b | false", "// | false", "//?q | false", "//#f | false", "http:// | false",
        "https://?q | false", "//h | true", "///x | true", "http://h | true",
    })
    void onlyValuesThatReadNoMoreThanTheBasesDirectoryAreShared(String value, boolean shared) {
        assertThat(ResolvedUrlCache.shareable(value)).isEqualTo(shared);
    }

    @Test
    void aLongValueIsNotKeptSinceTheBoundCountsEntriesNotBytes() {
        String longest = "a/" + "b".repeat(ResolvedUrlCache.MAX_VALUE_CHARS - 2);
        assertThat(ResolvedUrlCache.shareable(longest)).isTrue();
        assertThat(ResolvedUrlCache.shareable(longest + "c")).isFalse();
        assertThat(ResolvedUrlCache.shareable("x?" + "q".repeat(100_000))).isFalse();
    }

    @Test
    void aLongDirectoryIsNotKeptEither() {
        String longest = "http://example.test/" + "d".repeat(ResolvedUrlCache.MAX_DIRECTORY_CHARS - 21) + "/";
        assertThat(ResolvedUrlCache.directoryOf(longest + "page.html")).contains(longest);
        assertThat(ResolvedUrlCache.directoryOf("http://example.test/d" + longest.substring(20) + "page.html")).isEmpty();
        assertThat(ResolvedUrlCache.directoryOf("http://example.test/" + "d".repeat(100_000) + "/p")).isEmpty();
    }

    @Test
    void theCacheStaysBounded() {
        ResolvedUrlCache cache = new ResolvedUrlCache();
        for (int k = 0; k <= ResolvedUrlCache.MAX_ENTRIES; k++) {
            cache.put("http://example.test/", "p" + k, "http://example.test/p" + k);
        }
        assertThat(cache.size()).isBetween(1, ResolvedUrlCache.MAX_ENTRIES);
        assertThat(cache.get("http://example.test/", "p" + ResolvedUrlCache.MAX_ENTRIES))
                .isEqualTo("http://example.test/p" + ResolvedUrlCache.MAX_ENTRIES);
    }
}
