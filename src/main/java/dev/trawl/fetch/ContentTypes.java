package dev.trawl.fetch;

import java.util.Locale;
import java.util.Set;

/** Which media types trawl downloads and parses. */
public final class ContentTypes {
    private static final Set<String> HTMLISH =
            Set.of("text/html", "application/xhtml+xml", "application/xml", "text/xml", "text/plain");

    /** Markup whose links are links; an XML or plain-text body may mention URLs, but links nothing. */
    private static final Set<String> HTML = Set.of("text/html", "application/xhtml+xml");

    private ContentTypes() {}

    /** Whether a media type (no parameters) is HTML, whose links the crawl follows. */
    public static boolean isHtml(String mediaType) {
        return HTML.contains(mediaType.toLowerCase(Locale.ROOT).trim());
    }

    /** Whether a media type (no parameters) is one trawl parses for text and links. */
    public static boolean isHtmlish(String mediaType) {
        return HTMLISH.contains(mediaType.toLowerCase(Locale.ROOT).trim());
    }
}
