package dev.trawl.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The links of a document as absolute URLs, resolved against its base URI (which honours
 * {@code <base href>}): {@code a}, {@code area}, {@code frame} and {@code iframe} targets. Links
 * marked {@code rel=nofollow}, {@code download} links and non-http(s) schemes are left out. Stateless
 * and thread-safe.
 */
public final class LinkExtractor {
    private static final String SELECTOR = "a[href], area[href], frame[src], iframe[src]";

    /** The followable links of {@code document}, in document order, duplicates included. */
    public List<String> links(Document document) {
        List<String> links = new ArrayList<>();
        for (Element element : document.select(SELECTOR)) {
            if (element.hasAttr("download") || hasRel(element, "nofollow")) {
                continue;
            }
            String attribute = element.hasAttr("href") ? "href" : "src";
            String absolute = element.absUrl(attribute);
            if (absolute.startsWith("http://") || absolute.startsWith("https://")) {
                links.add(absolute);
            }
        }
        return links;
    }

    private static boolean hasRel(Element element, String value) {
        for (String rel : element.attr("rel").toLowerCase(Locale.ROOT).split("\\s+")) {
            if (rel.equals(value)) {
                return true;
            }
        }
        return false;
    }
}
