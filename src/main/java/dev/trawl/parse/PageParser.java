package dev.trawl.parse;

import dev.trawl.fetch.FetchResult.Fetched;

/**
 * Decodes and parses an HTML response with jsoup. The charset comes from a byte-order mark (which wins,
 * as in the HTML spec), then the Content-Type header, then {@code <meta charset>} / {@code http-equiv},
 * then statistical detection, then UTF-8; labels are read as the WHATWG Encoding Standard says (GBK as
 * GB18030, Shift_JIS as windows-31j, ISO-8859-1 as windows-1252). Stateless and thread-safe.
 */
public interface PageParser {

    /**
     * Parses {@code response.body()}; the document's location is {@code response.url()}.
     *
     * @throws IllegalArgumentException if the body was not downloaded ({@code bodyRead} is false)
     */
    Page parse(Fetched response);

    /** The standard jsoup-based parser. */
    static PageParser jsoup() {
        return new JsoupPageParser();
    }
}
