package dev.trawl.parse;

import dev.trawl.fetch.FetchResult.Fetched;

/**
 * Decodes and parses an HTML response with jsoup. The charset comes from the Content-Type header,
 * then a byte-order mark, then {@code <meta charset>} / {@code http-equiv}, then statistical detection,
 * then UTF-8. Stateless and thread-safe.
 */
public interface PageParser {

    /** Parses {@code response.body()}; the document's location is {@code response.url()}. */
    Page parse(Fetched response);

    /** The standard jsoup-based parser. */
    static PageParser jsoup() {
        return new JsoupPageParser();
    }
}
