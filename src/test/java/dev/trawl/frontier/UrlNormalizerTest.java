package dev.trawl.frontier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlNormalizerTest {
    private final UrlNormalizer normalizer = new UrlNormalizer();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "HTTP://Example.COM/a        | http://example.com/a",
        "http://example.com:80/a     | http://example.com/a",
        "https://example.com:443/a   | https://example.com/a",
        "http://example.com:8080/a   | http://example.com:8080/a",
        "http://example.com          | http://example.com/",
        "http://example.com/a#frag   | http://example.com/a",
        "http://example.com/a/./b/../c | http://example.com/a/c",
        "http://example.com/../a     | http://example.com/a",
        "http://example.com/%7euser  | http://example.com/~user",
        "http://example.com/a%2fb    | http://example.com/a%2Fb",
        "http://example.com/a b      | http://example.com/a%20b",
        "http://example.com/ü        | http://example.com/%C3%BC",
        "http://bücher.example/      | http://xn--bcher-kva.example/",
        "http://example.com./x?q=%7e&b=1 | http://example.com/x?q=~&b=1",
        "http://127.0.0.1:8123/p/1.html | http://127.0.0.1:8123/p/1.html",
    })
    void normalizesToOneForm(String input, String expected) {
        assertThat(normalizer.normalize(input)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/", "mailto:a@b.c", "javascript:void(0)", "/relative", "http://", "http:///x",
        "not a url"})
    void rejectsWhatIsNotAnAbsoluteHttpUrl(String input) {
        assertThat(normalizer.normalize(input)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "http://example.com/a, example.com",
        "http://example.com:8080/a, example.com:8080",
        "http://user@example.com:81/, example.com:81",
    })
    void hostKeyIsHostAndNonDefaultPort(String url, String key) {
        assertThat(UrlNormalizer.hostKey(normalizer.normalize(url).orElseThrow())).isEqualTo(key);
    }

    @ParameterizedTest
    @CsvSource({
        "http://example.com, http://example.com, 18",
        "HTTP://Example.com:8080/a/b?q=1, http://example.com:8080, 23",
        "https://user@example.com:443/x, https://user@example.com, 24",
    })
    void originIsSchemeAndAuthorityWherePathStarts(String url, String origin, int pathStart) {
        String normalized = normalizer.normalize(url).orElseThrow();
        assertThat(UrlNormalizer.origin(normalized)).isEqualTo(origin);
        assertThat(UrlNormalizer.pathStart(normalized)).isEqualTo(pathStart);
    }
}
