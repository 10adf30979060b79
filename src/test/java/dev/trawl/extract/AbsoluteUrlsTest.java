package dev.trawl.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.internal.StringUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link AbsoluteUrls} resolves as jsoup's {@code StringUtil.resolve} does, on the inputs where it takes care. */
class AbsoluteUrlsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "http://example.test/dir/page.html | img.png",
        "http://example.test/dir/page.html | ../up/img.png",
        "http://example.test/dir/page.html | ./same.png",
        "http://example.test/dir/page.html | /root.png",
        "http://example.test/dir/page.html | //cdn.test/x.png",
        "http://example.test/dir/page.html | ?q=1",
        "http://example.test/dir/page.html?a=b | ?q=1#frag",
        "http://example.test/dir/page.html | #top",
        "http://example.test/dir/page.html | ``",
        "http://example.test/dir/page.html | ` spaced `",
        "http://example.test | ./foo",
        "http://example.test | ../../foo/./bar",
        "http://example.test/a/b/ | ../../../../x",
        "http://example.test/dir/page.html | HTTP://Other.Test/Path",
        "http://example.test/dir/page.html | mailto:x@y.test",
        "http://example.test/dir/page.html | tel:+123",
        "http://example.test/dir/page.html | javascript:void(0)",
        "http://example.test/dir/page.html | http://[bad",
        "http://example.test/dir/page.html | a b c.png",
        "http://example.test/dir/page.html | é/ü.png",
        "not a url | img.png",
        "not a url | http://abs.test/x",
        "not a url | tel:1",
        "'' | img.png",
        "https://example.test:8443/dir/ | x?y#z",
        "file:/tmp/x.html | y.html",
    })
    void resolvesAsJsoupDoes(String base, String relative) {
        assertThat(new AbsoluteUrls(base, new ResolvedUrlCache()).resolve(relative)).isEqualTo(StringUtil.resolve(base, relative));
    }

    @Test
    void aValueMetAgainOnThePageResolvesAsItDidTheFirstTime() {
        String page = "http://example.test/a/b/page.html";
        AbsoluteUrls urls = new AbsoluteUrls(page, new ResolvedUrlCache());
        String[] values = {"../img/prev.png", "next.html", "../img/prev.png", "", "tel:1", "http://[bad", "next.html",
            "", "http://[bad", "?q", "?q"};
        for (String value : values) {
            assertThat(urls.resolve(value)).as(value).isEqualTo(StringUtil.resolve(page, value));
        }
    }

    @Test
    void controlCharactersAreStrippedAsJsoupsRegexStripsThem() {
        String page = "http://example.test/dir/page.html";
        for (String relative : new String[] {"ja\tva\nscript:alert(1)", "\u0001img\u001f.png", "\t\n", "", "x\r\ny"}) {
            assertThat(new AbsoluteUrls(page, new ResolvedUrlCache()).resolve(relative)).as(relative).isEqualTo(StringUtil.resolve(page, relative));
        }
        String tabbedBase = "http://exa\tmple.test/dir/page.html";
        assertThat(new AbsoluteUrls(tabbedBase, new ResolvedUrlCache()).resolve("img.png")).isEqualTo(StringUtil.resolve(tabbedBase, "img.png"));
        assertThat(AbsoluteUrls.stripControlChars("a\u0000b\u001fc d")).isEqualTo("abc d");
        String clean = "no control characters";
        assertThat(AbsoluteUrls.stripControlChars(clean)).isSameAs(clean);
    }
}
