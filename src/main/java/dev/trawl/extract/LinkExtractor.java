package dev.trawl.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The links of a document as absolute URLs, resolved against its base URI (which honours
 * {@code <base href>}): {@code a} and {@code area} hrefs, {@code frame} and {@code iframe} sources.
 * Links marked {@code rel=nofollow}, {@code download} links and non-http(s) schemes are left out.
 * Stateless and thread-safe.
 */
public final class LinkExtractor {

    /** The followable links of {@code document}, in document order, duplicates included. */
    public List<String> links(Document document) {
        List<String> links = new ArrayList<>();
        for (Element element : document.getAllElements()) {
            link(element).ifPresent(links::add);
        }
        return links;
    }

    /** The followable link of one element, if it is one. */
    Optional<String> link(Element element) {
        String attribute = switch (element.normalName()) {
            case "a", "area" -> "href";
            case "frame", "iframe" -> "src";
            default -> null;
        };
        if (attribute == null || !element.hasAttr(attribute) || element.hasAttr("download")
                || hasRel(element, "nofollow")) {
            return Optional.empty();
        }
        String absolute = element.absUrl(attribute);
        return absolute.startsWith("http://") || absolute.startsWith("https://")
                ? Optional.of(absolute) : Optional.empty();
    }

    private static boolean hasRel(Element element, String value) {
        String rel = element.attr("rel");
        if (rel.isEmpty()) {
            return false;
        }
        for (String token : rel.toLowerCase(Locale.ROOT).split("\\s+")) {
            if (token.equals(value)) {
                return true;
            }
        }
        return false;
    }
}
