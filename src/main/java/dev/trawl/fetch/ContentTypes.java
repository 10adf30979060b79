package dev.trawl.fetch;

import java.util.Locale;
import java.util.Set;

/** Which media types trawl downloads and parses. */
public final class ContentTypes {
    private static final Set<String> HTMLISH =
            Set.of("text/html", "application/xhtml+xml", "application/xml", "text/xml", "text/plain");

    private ContentTypes() {}

    /** Whether a media type (no parameters) is one trawl parses for text and links. */
    public static boolean isHtmlish(String mediaType) {
        return HTMLISH.contains(mediaType.toLowerCase(Locale.ROOT).trim());
    }
}
