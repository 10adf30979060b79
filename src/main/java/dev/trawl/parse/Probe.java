package dev.trawl.parse;

import java.util.Objects;
import java.util.Optional;
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
 */
public record Probe(String tag, Evaluator selector, Optional<String> attribute, boolean all) {
    public Probe {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(attribute, "attribute");
    }
}
