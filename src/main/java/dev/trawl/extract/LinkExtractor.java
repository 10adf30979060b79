package dev.trawl.extract;

import java.util.Locale;
import java.util.Optional;
import org.jsoup.nodes.Element;

/**
 * Whether an element is a followable link, as an absolute URL resolved against its base URI (which honours
 * {@code <base href>}): {@code a} and {@code area} hrefs, {@code frame} and {@code iframe} sources.
 * Links marked {@code rel=nofollow}, {@code download} links and non-http(s) schemes are left out.
 * Stateless and thread-safe.
 */
public final class LinkExtractor {

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
