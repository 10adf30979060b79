package dev.trawl.parse;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jsoup.select.Evaluator;

/**
 * What the outline's single pass gathers for one extraction rule that needs no DOM: the elements named
 * {@code tag} that {@code selector} matches (a compound selector on the element alone: tag, id, classes,
 * attributes), and from each its attribute's value or its text. Immutable.
 *
 * @param tag the lower-case element name every match has
 * @param selector jsoup's compiled selector, run on each {@code tag} element with its attributes
 * @param attribute the attribute whose value is taken (as written, character references decoded; elements
 *        without it are skipped); empty: the element's text, as jsoup's {@code Element.text()} gives it
 * @param all true: every match, in document order; false: the first (with the attribute, if one is named)
 * @param keys the attributes (lower-case ASCII names) that {@code selector} reads: every element it matches has each
 *        of them ({@code [rel=next]}: rel, {@code .note}: class, {@code #main}: id), so it runs only on an element
 *        that does, and the scanner reads no other attribute of a tag no other rule or the outline needs
 */
public record Probe(String tag, Evaluator selector, Optional<String> attribute, boolean all, List<String> keys) {
    /**
     * Elements whose presence in jsoup's DOM is not simply their start tag — merged ({@code head}, {@code body}),
     * dropped outside their context (table parts, {@code frame}) or renamed ({@code image}) — so a rule on them
     * needs the DOM. ({@code html} is merged too, but the scanner merges its attributes as jsoup does.)
     */
    private static final Set<String> DOM_ONLY = Set.of("head", "body", "frame", "frameset", "image", "caption", "col",
            "colgroup", "tbody", "td", "tfoot", "th", "thead", "tr", "template", "svg", "math", "select", "option",
            "optgroup");
    /**
     * Elements whose text the scanner gathers: ones the body's tree builder opens and closes by rules
     * {@link OpenElements} follows ({@code Element.text()}), with ordinary text inside.
     */
    private static final Set<String> TEXT = Set.of("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "dt", "dd", "a",
            "span", "div", "section", "article", "header", "footer", "main", "nav", "aside", "blockquote", "figure",
            "figcaption", "address", "label", "em", "strong", "b", "i", "small", "code", "cite", "q", "abbr", "time",
            "mark", "sub", "sup", "summary", "details", "dl", "ul", "ol");

    public Probe {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(attribute, "attribute");
        keys = List.copyOf(keys);
        for (String key : keys) {
            if (!key.chars().allMatch(c -> c < 128 && !Character.isUpperCase(c))) {
                throw new IllegalArgumentException("a probe's keys are lower-case ASCII: " + key);
            }
        }
    }

    /**
     * Whether the outline's pass can gather, from the elements named {@code tag} (lower case), their text
     * ({@code text}) or an attribute (else): the one place that knows which elements the scanner follows as
     * jsoup's DOM has them.
     */
    public static boolean answers(String tag, boolean text) {
        return text ? TEXT.contains(tag) : !DOM_ONLY.contains(tag);
    }
}
