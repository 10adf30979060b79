package dev.trawl.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.jsoup.select.QueryParser;
import org.junit.jupiter.api.Test;

class ProbeSetTest {

    /** A probe as the extractor makes one for {@code tag@attribute} (or the tag's text), selector {@code css}. */
    private static Probe probe(String tag, String css, Optional<String> attribute, List<String> keys) {
        return new Probe(tag, QueryParser.parse(css), attribute, true, keys);
    }

    private static final List<Probe> PROBES = List.of(
            probe("section", "section", Optional.of("id"), List.of()),      // 0: section@id, the name alone
            probe("img", "img", Optional.of("SRC"), List.of()),              // 1: img@SRC, read as src
            probe("img", "img", Optional.of("alt"), List.of()),              // 2: img@alt
            probe("h2", "h2", Optional.empty(), List.of()),                  // 3: h2's text
            probe("a", "a[rel=next]", Optional.of("href"), List.of("rel")), // 4: a selector that reads rel
            probe("aside", "aside", Optional.of("\u0130d"), List.of()));      // 5: a name beyond ASCII

    @Test
    void tagsWhoseProbesTakeOnlyAnAttributesValueAreReadAlone() {
        ProbeSet probes = ProbeSet.of(PROBES);

        assertThat(probes.on(TagNames.id("section"), "section").valuesAlone()).isTrue();
        assertThat(probes.on(TagNames.id("img"), "img").valuesAlone()).isTrue();
        assertThat(probes.on(TagNames.id("h2"), "h2").valuesAlone()).as("text, not a value").isFalse();
        assertThat(probes.on(TagNames.id("a"), "a").valuesAlone()).as("its selector reads rel").isFalse();
        assertThat(probes.on(TagNames.id("aside"), "aside").valuesAlone()).as("every attribute is read").isFalse();
        assertThat(probes.mostReads()).isEqualTo(2);
    }

    @Test
    void eachProbesSlotIsWhereItsAttributeIsAmongTheValuesRead() {
        ProbeSet probes = ProbeSet.of(PROBES);

        String[] imgReads = probes.on(TagNames.id("img"), "img").reads();
        assertThat(imgReads[probes.slot(1)]).isEqualTo("src");
        assertThat(imgReads[probes.slot(2)]).isEqualTo("alt");
        assertThat(probes.on(TagNames.id("section"), "section").reads()[probes.slot(0)]).isEqualTo("id");
        assertThat(probes.slot(3)).as("no attribute").isEqualTo(-1);
        String[] aReads = probes.on(TagNames.id("a"), "a").reads();
        assertThat(aReads[probes.slot(4)]).isEqualTo("href");
        assertThat(List.of(aReads)).containsExactly("rel", "href");
    }
}
