package dev.trawl.frontier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.frontier.UrlNormalizer.Base;
import dev.trawl.frontier.UrlNormalizer.QueryRules;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jsoup.internal.StringUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The single-pass resolver, table by table: RFC 3986's reference examples, the browser leniencies of the
 * WHATWG URL Standard, and agreement with what trawl did before (jsoup's {@code absUrl}, then the
 * {@code java.net.URI}-based normalizer kept as {@link ReferenceNormalizer}) on a corpus of link shapes.
 */
class UrlResolutionTest {
    private final UrlNormalizer normalizer = new UrlNormalizer();
    private final Base rfcBase = normalizer.base("http://a/b/c/d;p?q").orElseThrow();

    /** RFC 3986 section 5.4.1, normal examples; "g:h" is not http(s), so it is no link to follow. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "g       | http://a/b/c/g",
        "./g     | http://a/b/c/g",
        "g/      | http://a/b/c/g/",
        "/g      | http://a/g",
        "//g     | http://g/",
        "?y      | http://a/b/c/d;p?y",
        "g?y     | http://a/b/c/g?y",
        "#s      | http://a/b/c/d;p?q",
        "g#s     | http://a/b/c/g",
        "g?y#s   | http://a/b/c/g?y",
        ";x      | http://a/b/c/;x",
        "g;x     | http://a/b/c/g;x",
        "g;x?y#s | http://a/b/c/g;x?y",
        "''      | http://a/b/c/d;p?q",
        ".       | http://a/b/c/",
        "./      | http://a/b/c/",
        "..      | http://a/b/",
        "../     | http://a/b/",
        "../g    | http://a/b/g",
        "../..   | http://a/",
        "../../  | http://a/",
        "../../g | http://a/g",
    })
    void resolvesTheRfc3986NormalExamples(String reference, String expected) {
        assertThat(normalizer.resolve(rfcBase, reference)).contains(expected);
    }

    /** RFC 3986 section 5.4.2, abnormal examples ("http:g" read as browsers read it, 5.4.2's "for backward compatibility"). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "../../../g    | http://a/g",
        "../../../../g | http://a/g",
        "/./g          | http://a/g",
        "/../g         | http://a/g",
        "g.            | http://a/b/c/g.",
        ".g            | http://a/b/c/.g",
        "g..           | http://a/b/c/g..",
        "..g           | http://a/b/c/..g",
        "./../g        | http://a/b/g",
        "./g/.         | http://a/b/c/g/",
        "g/./h         | http://a/b/c/g/h",
        "g/../h        | http://a/b/c/h",
        "g;x=1/./y     | http://a/b/c/g;x=1/y",
        "g;x=1/../y    | http://a/b/c/y",
        "g?y/./x       | http://a/b/c/g?y/./x",
        "g?y/../x      | http://a/b/c/g?y/../x",
        "g#s/./x       | http://a/b/c/g",
        "g#s/../x      | http://a/b/c/g",
        "http:g        | http://a/b/c/g",
    })
    void resolvesTheRfc3986AbnormalExamples(String reference, String expected) {
        assertThat(normalizer.resolve(rfcBase, reference)).contains(expected);
    }

    /** What browsers (the WHATWG URL Standard) accept beyond RFC 3986, and trawl's own normal form. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://example.com/base/page.html | '  page2.html  '               | http://example.com/base/page2.html",
        "http://example.com/base/page.html | 'pa\tge\n2.html'               | http://example.com/base/page2.html",
        "http://example.com/base/page.html | '\u0001\u001fpage2.html\u0000' | http://example.com/base/page2.html",
        "http://example.com/base/page.html | ..\\other\\x.html              | http://example.com/other/x.html",
        "http://example.com/base/page.html | \\\\Other.Example\\x           | http://other.example/x",
        "http://example.com/base/page.html | %2e%2E/x                       | http://example.com/x",
        "http://example.com/base/page.html | .%2e/x                         | http://example.com/x",
        "http://example.com/base/page.html | a b?c d                        | http://example.com/base/a%20b?c%20d",
        "http://example.com/base/page.html | 50%                            | http://example.com/base/50%25",
        "http://example.com/base/page.html | %7euser/%c3%bc                 | http://example.com/base/~user/%C3%BC",
        "http://example.com/base/page.html | 😀.html                        | http://example.com/base/%F0%9F%98%80.html",
        "http://example.com/base/page.html | //EXAMPLE.org:80/              | http://example.org/",
        "http://example.com/base/page.html | HTTPS://Example.org:443/a      | https://example.org/a",
        "https://example.com/base/page.html | //cdn.example/x               | https://cdn.example/x",
        "http://example.com/base/page.html | http://user:pw@h.example:8080/ | http://user:pw@h.example:8080/",
        "http://example.com/base/page.html | http://[::1]:8080/x            | http://[::1]:8080/x",
        "http://example.com/base/page.html | http://my_host.example/        | http://my_host.example/",
        "http://example.com/base/page.html | http://bücher.example/         | http://xn--bcher-kva.example/",
        "http://example.com/base/page.html | ?                              | http://example.com/base/page.html?",
        "http://example.com/base/?x=1      | ../                            | http://example.com/",
    })
    void acceptsWhatBrowsersAccept(String base, String reference, String expected) {
        assertThat(normalizer.resolve(normalizer.base(base).orElseThrow(), reference)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mailto:a@example.com", "javascript:void(0)", "ftp://example.com/", "data:text/html,x",
        "tel:+123", "http://", "//", "http://exa mple.com/", "http://example.com:99999/", "http://example.com:8o/",
        "http://a%41.example/", "http://[::1/", "http://[zz]/", "http://a..b/", "http://@/"})
    void resolvesToNothingWhatIsNoHttpLink(String reference) {
        assertThat(normalizer.resolve(rfcBase, reference)).isEmpty();
    }

    /**
     * Link shapes met on real sites, resolved the old way (jsoup's {@code absUrl}, then the URI-based
     * normalizer) and the new way: the same URL, except where the old way was wrong (see below). One more
     * difference is left out of the corpus: {@code absUrl} dropped a link's user info, which seeds kept;
     * now links keep it too, as browsers do.
     */
    @Test
    void agreesWithTheOldTwoStepPathOnRealLinkShapes() {
        List<String> bases = List.of("http://example.com/", "http://Example.com:8080/docs/api/index.html?x=1",
                "https://example.com/a/b/c.html", "http://127.0.0.1:19280/usr_share/doc/html/");
        List<String> references = List.of("", "#", "#top", "page.html", "page.html#sec", "./page.html",
                "../page.html", "../../../../page.html", "/abs/path.html", "/abs/../x.html", "sub/", "sub/./x/../y",
                "?q=1", "?q=1&r=%7e", "page.html?a=b#c", "//other.example/x", "//other.example", "http://OTHER.example",
                "https://other.example:443/", "http://other.example:80/x", "http://other.example:8080",
                "a%2fb", "%41%42", "a%2Fb%3f", "a b.html", "caf%C3%A9", "café.html", "x?q=a b", "x?q=%zz",
                "index.html#l1", "../../jdk/internal/Foo.html#method(java.lang.String)", "Foo.html#%3Cinit%3E()",
                "javascript:void(0)", "mailto:x@example.com", "ftp://x.example/", "  spaced.html  ",
                "HTTP://Example.COM/A", "http://example.com./x", "/", ".", "..",
                "a/b/../../..", "http://bücher.example/x", "x;jsessionid=1?y=2", "~user/", "a:b", "./a:b",
                "http://[::1]:19280/x", "http://[2001:DB8::1]/");
        ReferenceNormalizer reference = new ReferenceNormalizer();
        for (String base : bases) {
            Base parsed = normalizer.base(base).orElseThrow();
            for (String ref : references) {
                String absolute = StringUtil.resolve(parsed.url(), ref);
                Optional<String> old = absolute.startsWith("http://") || absolute.startsWith("https://")
                        ? reference.normalize(absolute) : Optional.empty();
                assertThat(normalizer.resolve(parsed, ref)).as("%s against %s", ref, base).isEqualTo(old);
            }
        }
    }

    /**
     * Where the new path deliberately differs from the old one: the old one dropped an out-of-range port
     * (pointing the link at another server), turned characters outside the BMP into "%3F%3F", left
     * {@code %2e%2e} segments unresolved, and refused host names with an underscore (which browsers
     * and DNS accept).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://example.com:99999/x     | old=http://example.com/x          | new=",
        "http://example.com/😀          | old=http://example.com/%3F%3F     | new=http://example.com/%F0%9F%98%80",
        "http://example.com/a/%2e%2e/b  | old=http://example.com/a/../b     | new=http://example.com/b",
        "http://my_host.example/        | old=                              | new=http://my_host.example/",
    })
    void differsFromTheOldPathOnlyWhereItWasWrong(String url, String old, String expected) {
        assertThat(new ReferenceNormalizer().normalize(url).orElse("")).isEqualTo(old.substring(4));
        assertThat(normalizer.normalize(url).orElse("")).isEqualTo(expected.substring(4));
    }

    @Test
    void queryRulesDropListedParametersAndSortTheRest() {
        UrlNormalizer withRules = new UrlNormalizer(new QueryRules(Set.of("PHPSESSID", "utm_source"), true));
        assertThat(withRules.normalize("http://example.com/p?z=1&phpsessid=abc&a=2&utm_source=x"))
                .contains("http://example.com/p?a=2&z=1");
        assertThat(withRules.normalize("http://example.com/p?PHPSESSID=abc")).contains("http://example.com/p");
        assertThat(withRules.resolve(withRules.base("http://example.com/d/").orElseThrow(), "q?b=%7e&a"))
                .contains("http://example.com/d/q?a&b=~");
    }

    /** Servlet containers put the session id in the path: {@code ;jsessionid=} goes like {@code ?sid=} does. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://example.com/a;jsessionid=ABC?x=1         | http://example.com/a?x=1",
        "http://example.com/a;JSESSIONID=ABC             | http://example.com/a",
        "http://example.com/a;jsessionid=ABC;v=2?x=1     | http://example.com/a;v=2?x=1",
        "http://example.com/a;v=2;jsessionid=ABC         | http://example.com/a;v=2",
        "http://example.com/a;phpsessid=1/b;sid=2/c.html | http://example.com/a/b/c.html",
        "http://example.com/;jsessionid=ABC              | http://example.com/",
        "http://example.com/d/;jsessionid=ABC#top        | http://example.com/d/",
        "http://example.com/a;jsessionid                 | http://example.com/a",
        "http://example.com/a;x;y=1;                     | http://example.com/a;x;y=1;",
        "http://example.com/a;jsessionid=1?sid=2&b=1     | http://example.com/a?b=1",
        "http://example.com/a?q=x;jsessionid=1           | http://example.com/a?q=x;jsessionid=1",
        "http://example.com/a%3Bjsessionid=1             | http://example.com/a%3Bjsessionid=1",
    })
    void sessionIdsInThePathAreStrippedLikeQueryParameters(String url, String expected) {
        UrlNormalizer withRules = new UrlNormalizer(new QueryRules(Set.of("jsessionid", "PHPSESSID", "sid"), true));
        assertThat(withRules.normalize(url)).contains(expected);
        assertThat(withRules.normalize(expected)).as("normalized again").contains(expected);
    }

    @Test
    void pathSessionIdsAreStrippedFromRelativeLinksAndLeftAloneWithoutRules() {
        UrlNormalizer withRules = UrlNormalizer.forCrawl(dev.trawl.config.CrawlConfig.defaults().limits().traps());
        Base page = withRules.base("http://example.com/shop/list.jsp;jsessionid=OLD?page=2").orElseThrow();
        assertThat(page.url()).isEqualTo("http://example.com/shop/list.jsp?page=2");
        assertThat(withRules.resolve(page, "item.jsp;jsessionid=F00D?id=7")).contains("http://example.com/shop/item.jsp?id=7");
        assertThat(withRules.resolve(page, "../;jsessionid=F00D")).contains("http://example.com/");
        assertThat(withRules.resolve(page, "./;jsessionid=F00D")).contains("http://example.com/shop/");
        assertThat(withRules.resolve(page, "?page=3")).contains("http://example.com/shop/list.jsp?page=3");
        assertThat(normalizer.normalize("http://example.com/a;jsessionid=ABC?x=1"))
                .contains("http://example.com/a;jsessionid=ABC?x=1");
    }

    @Test
    void withoutQueryRulesTheQueryKeepsItsOrderAndEveryParameter() {
        assertThat(normalizer.normalize("http://example.com/p?z=1&&a=2&")).contains("http://example.com/p?z=1&&a=2&");
    }
}
