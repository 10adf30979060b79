package dev.trawl.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.extract.FieldExtractor;
import dev.trawl.extract.StreamedFieldsTest;
import dev.trawl.extract.StreamedFieldsTest.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every kind of page the simulated web serves — generated pages at every markup density (with session-id
 * links on a trap site), private, calendar and sitemap-only pages, 404 and 503 pages — gives the same field
 * values for a broad rule set whether the rules run on jsoup's DOM or in the outline's pass, and every one
 * of them is answered by the outline (no DOM built): the benchmark's pages are the streaming path's.
 */
class SimPagesStreamedFieldsTest {
    private static final FieldExtractor EXTRACTOR = FieldExtractor.compile(StreamedFieldsTest.rulesOf(StreamedFieldsTest.BROAD));

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.3, 1.0})
    void everySimPageKindIsAnsweredWithoutADomAndEqualsIt(double density) {
        SiteSpec spec = SiteSpec.builder().pagesPerHost(40).markupDensity(density).traps(true).build();
        List<String> bases = List.of("http://127.0.0.1:1", "http://127.0.0.1:2", "http://127.0.0.1:3",
                "http://127.0.0.1:4");
        SiteContent content = new SiteContent(new SiteLayout(spec), bases);
        PageRenderer renderer = new PageRenderer(spec);
        List<String> differences = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        for (int host = 0; host < spec.hosts(); host++) {
            for (int n = 0; n < spec.pagesPerHost(); n++) {
                SimResponse page = content.respond(host, SitePath.page(n).path(), null, false);
                if (page.status() == 200) {
                    outcomes.add(check(page.body(), bases.get(host) + SitePath.page(n).path(), differences));
                }
            }
            String base = bases.get(host);
            outcomes.add(check(renderer.privatePage(host, 3), base + "/private/3", differences));
            outcomes.add(check(renderer.calendarPage(host, 7), base + "/calendar?m=7", differences));
            outcomes.add(check(renderer.sitemapOnlyPage(host, 2), base + "/only/2", differences));
        }
        outcomes.add(check(PageRenderer.unavailable(), bases.get(0) + "/down", differences));
        outcomes.add(check(PageRenderer.notFound("/missing?<&>"), bases.get(0) + "/missing", differences));

        assertThat(differences).isEmpty();
        assertThat(outcomes).hasSizeGreaterThan(150).containsOnly(Outcome.SAME);
    }

    private static Outcome check(byte[] body, String url, List<String> differences) {
        return StreamedFieldsTest.compare(EXTRACTOR, new String(body, StandardCharsets.UTF_8), url, differences);
    }
}
