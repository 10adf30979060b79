package dev.trawl.fetch;

import java.util.Locale;
import java.util.Set;

/** Which media types trawl downloads and parses. */
public final class ContentTypes {
    private static final Set<String> HTMLISH =
            Set.of("text/html", "application/xhtml+xml", "application/xml", "text/xml", "text/plain");

    /** Markup whose links are links; an XML or plain-text body may mention URLs, but links nothing. */
    private static final Set<String> HTML = Set.of("text/html", "application/xhtml+xml");

    /** A gzip file: read only where it may be a gzipped sitemap ({@link #isRead}). */
    private static final Set<String> GZIP = Set.of("application/gzip", "application/x-gzip");

    private ContentTypes() {}

    /**
     * Whether a fetcher downloads a body of this media type (no parameters) from {@code url}: what trawl
     * parses, and a gzip file whose path ends in {@code .gz} or {@code .xml} (a gzipped sitemap, the only
     * gzip file trawl reads; another is seldom named so, and costs at most the body cap).
     */
    public static boolean isRead(String mediaType, String url) {
        if (isHtmlish(mediaType)) {
            return true;
        }
        if (!GZIP.contains(mediaType.toLowerCase(Locale.ROOT).trim())) {
            return false;
        }
        int end = url.length();
        for (char c : new char[] {'?', '#'}) {
            int at = url.indexOf(c);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        String path = url.substring(0, end).toLowerCase(Locale.ROOT);
        return path.endsWith(".gz") || path.endsWith(".xml");
    }

    /** Whether a media type (no parameters) is HTML, whose links the crawl follows. */
    public static boolean isHtml(String mediaType) {
        return HTML.contains(mediaType.toLowerCase(Locale.ROOT).trim());
    }

    /** Whether a media type (no parameters) is one trawl parses for text and links. */
    public static boolean isHtmlish(String mediaType) {
        return HTMLISH.contains(mediaType.toLowerCase(Locale.ROOT).trim());
    }
}
