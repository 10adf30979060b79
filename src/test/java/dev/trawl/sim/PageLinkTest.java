package dev.trawl.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.sim.PageLink.Form;
import dev.trawl.sim.SitePath.Kind;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** However an href is spelled, it resolves to the link's target. */
class PageLinkTest {

    private static final List<String> BASES = List.of("http://127.0.0.1:4000", "http://127.0.0.1:4001");

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            /          | PAGE     | 0  | RELATIVE      | ./
            /          | PAGE     | 0  | DOT_RELATIVE  | ./
            /p/3.html  | PAGE     | 0  | RELATIVE      | ../
            /          | PAGE     | 7  | RELATIVE      | p/7.html
            /          | PAGE     | 7  | DOT_RELATIVE  | ./p/7.html
            /p/3.html  | PAGE     | 7  | RELATIVE      | 7.html
            /p/3.html  | PAGE     | 7  | DOT_RELATIVE  | ./7.html
            /p/3.html  | MISSING  | 3  | DOT_RELATIVE  | ../missing/3.html
            /p/3.html  | REDIRECT | 9  | ROOT_RELATIVE | /r/9.html
            /          | LOOP_A   | 0  | RELATIVE      | loop/a
            /p/3.html  | PRIVATE  | 3  | ABSOLUTE      | http://127.0.0.1:4000/private/3.html
            """)
    void hrefIsSpelledAsItsForm(String from, Kind kind, int n, Form form, String href) {
        PageLink link = new PageLink(0, new SitePath(kind, n), form, "");

        assertThat(link.href(from, BASES)).isEqualTo(href);
        assertThat(URI.create(BASES.get(0) + from).resolve(href).getPath()).isEqualTo(link.target().path());
    }

    @Test
    void fragmentIsAppendedAndCrossHostLinksAreAbsolute() {
        PageLink link = new PageLink(1, SitePath.page(4), Form.ABSOLUTE, "s2");

        assertThat(link.href("/p/1.html", BASES)).isEqualTo("http://127.0.0.1:4001/p/4.html#s2");
    }

    @Test
    void everyServedPathParsesBackToItself() {
        for (SitePath path : List.of(SitePath.ROOT, SitePath.page(12), new SitePath(Kind.MISSING, 3),
                new SitePath(Kind.REDIRECT, 0), new SitePath(Kind.PRIVATE, 8), SitePath.LOOP_A, SitePath.LOOP_B,
                SitePath.ROBOTS)) {
            assertThat(SitePath.parse(path.path())).contains(path);
        }
        assertThat(SitePath.parse("/p/0.html")).isEqualTo(Optional.empty());
        assertThat(SitePath.parse("/p/007.html")).isEmpty();
        assertThat(SitePath.parse("/p/99999999999.html")).isEmpty();
    }
}
