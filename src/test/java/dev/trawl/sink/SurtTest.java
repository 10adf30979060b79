package dev.trawl.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netpreserve.jwarc.URIs;

/** {@link Surt} writes what jwarc's {@link URIs#toNormalizedSurt} writes, on the simple URLs it handles and on every other. */
class SurtTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "http://example.com/", "http://example.com", "https://example.com/a/b.html", "http://www.example.com/",
        "http://WWW2.Example.COM/Path/To/Page.HTML", "http://www.com/", "http://wwwx.example.com/", "http://www./",
        "http://127.0.0.1:19200/p/1.html", "http://127.0.0.1:80/x", "https://host:443/x", "http://host:443/x",
        "https://host:80/x", "http://host:/x", "http://host:8080", "http://host?b=2&a=1", "http://host/?",
        "http://host/p?b=2&a=1&A=0&c", "http://host/p?a=1?b=2", "http://host/p?jsessionid=0123456789abcdef0123456789abcdef",
        "http://host/p?x=1&sid=abc", "http://host/dir/", "http://host/dir//x", "http://host//", "http://host/./a",
        "http://host/a/../b", "http://host/a/.", "http://host/a/..", "http://host/.hidden/..x/...", "http://host/a/b/",
        "http://host/a%20b", "http://host/a#frag", "http://user@host/", "http://[::1]:8080/x", "http://host:99999999/",
        "http://host:abc/", "http://a:b:1/", "HTTP://host/x", "ftp://host/x", "http://host/(abcdefghijklmnopqrstuvwx)/x.aspx",
        "http://host/ü", "http://host/a b", "http://h.o.s.t/", "http://.host./", "http://host..x/", "http:///path",
        "http://host/~user/a+b,c;d!e*f$g'h", "http://www/", "http://www./x", "http://www..x/", "http://.x/",
        "http://x./", "http://1.2.3.4.5/", "http://1.2.3.1234/", "http://123/", "http://host:08080/", "http://a:1:2/", "https://sub.domain.example.co.uk/a-b_c.d~e/?Q=V&q=v",
    })
    void simpleAndOtherUrlsGetJwarcsSurt(String url) {
        assertThat(outcome(() -> Surt.of(url))).as(url).isEqualTo(outcome(() -> URIs.toNormalizedSurt(url)));
    }

    @Test
    void theSimulatedWebsUrlsTakeTheSimplePath() {
        // Surt.simple, not Surt.of: of() falls back to jwarc, which gives the same string, so it could not tell
        assertThat(Surt.simple("http://127.0.0.1:19200/p/1.html")).isEqualTo("127.0.0.1:19200)/p/1.html");
        assertThat(Surt.simple("https://WWW.Example.com/A/b/?Z=1&y=2")).isEqualTo("com,example)/a/b?y=2&z=1");
    }

    /** What a call gave: its value, or the class of what it threw (jwarc throws on a few hosts; so must this). */
    private static String outcome(java.util.function.Supplier<String> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return "threw " + e.getClass().getName();
        }
    }

    @Test
    void randomUrlsGetJwarcsSurt() {
        Random random = new Random(42);
        String[] schemes = {"http://", "https://", "HTTP://", "http:", ""};
        String[] hosts = {"example.com", "WWW.Example.com", "www1.a.b", "127.0.0.1", "h", "a-b.c_d", "www.x", "x.", ".x",
                "www", "a..b", "1.2.3", "WWW.", "host:1", "u@h", "[::1]", "ü.de", "x(y)"};
        String[] ports = {"", ":80", ":443", ":8080", ":", ":0"};
        String[] segments = {"a", "B", "", ".", "..", "...", "x.html", "%41", "a+b", "(x)", "~u", "é", "a b", ";p", "c:d",
                "$!*'", "a\\b"};
        String[] params = {"a=1", "B=2", "sid=1", "c", "", "x=y=z", "jsessionid=1", "z=%20", "q=A", "cfid=1&cftoken=2"};
        List<String> differ = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder url = new StringBuilder(pick(random, schemes)).append(pick(random, hosts)).append(pick(random, ports));
            int depth = random.nextInt(5);
            for (int d = 0; d < depth; d++) {
                url.append('/').append(pick(random, segments));
            }
            if (random.nextInt(4) == 0) {
                url.append('/');
            }
            if (random.nextBoolean()) {
                url.append('?');
                int count = random.nextInt(4);
                for (int p = 0; p < count; p++) {
                    url.append(p == 0 ? "" : "&").append(pick(random, params));
                }
            }
            if (random.nextInt(10) == 0) {
                url.append("#f");
            }
            String u = url.toString();
            String expected = outcome(() -> URIs.toNormalizedSurt(u));
            String actual = outcome(() -> Surt.of(u));
            if (!expected.equals(actual)) {
                differ.add(u + " -> " + actual + " (jwarc: " + expected + ")");
            }
        }
        assertThat(differ).isEmpty();
    }

    private static String pick(Random random, String[] options) {
        return options[random.nextInt(options.length)];
    }
}
