package dev.trawl.parse;

import java.util.List;
import java.util.Optional;
import org.jsoup.nodes.Attributes;

/**
 * What a crawl record needs from an HTML page, read by {@link OutlineScanner} — a tokenizer that builds
 * no tree — with the values jsoup's DOM would give: {@code Document.baseUri()}, {@code Document.title()},
 * the {@code html} element's {@code lang}, and the elements trawl reads, in document order: {@code a},
 * {@code area}, {@code iframe}, {@code link}, {@code meta}, and {@code frame} inside a {@code frameset}.
 *
 * <p>Where the two differ: jsoup's tree builder clones an {@code a} left open across block elements (the
 * HTML spec's "adoption agency"), so its DOM can hold one link twice where the page wrote it once, and it
 * moves content out of tables ("foster parenting"), which can reorder links. The outline has each tag the
 * page wrote, once, in the order written. Immutable once built; the attributes must not be changed.
 *
 * @param baseUri the URL relative links resolve against: the first {@code <base href>} that resolves, else
 *        the page's URL
 * @param title the first {@code <title>} in the head, whitespace-normalized; "" if none
 * @param language the {@code lang} attribute of the {@code html} element; "" if none
 * @param tags the elements listed above, with their attributes (names lower case, first of a name kept)
 * @param probed what each {@link Probe} of {@link #of(String, String, ProbeSet)} gathered; empty when the outline
 *        was read without probes, or when the page's markup left what the scanner follows of jsoup's tree building
 *        ({@link OpenElements}): either way only the DOM can answer the rules
 */
public record Outline(String baseUri, String title, String language, List<Tag> tags, Optional<ProbedValues> probed) {

    public Outline {
        tags = List.copyOf(tags);
    }

    /** An outline read without probes. */
    public Outline(String baseUri, String title, String language, List<Tag> tags) {
        this(baseUri, title, language, tags, Optional.empty());
    }

    /** The outline of {@code html}, a page fetched from {@code location}. */
    public static Outline of(String html, String location) {
        return new OutlineScanner(html, location, ProbeSet.NONE).scan();
    }

    /** The outline of {@code html}, a page fetched from {@code location}, with what {@code probes} gather on the way. */
    public static Outline of(String html, String location, ProbeSet probes) {
        return new OutlineScanner(html, location, probes).scan();
    }

    /**
     * One element start tag.
     *
     * @param name its lower-case name
     * @param attributes its attributes, character references decoded
     */
    public record Tag(String name, Attributes attributes) {

        /** The attribute's value, "" if absent. */
        public String attr(String key) {
            return attributes.get(key);
        }

        /** Whether the tag has the attribute. */
        public boolean hasAttr(String key) {
            return attributes.hasKey(key);
        }
    }
}
