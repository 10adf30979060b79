package dev.trawl.parse;

import dev.trawl.fetch.FetchResult.Fetched;

/**
 * Decodes an HTML response, for jsoup's DOM or trawl's outline ({@link Page}). The charset comes from a byte-order mark (which wins,
 * as in the HTML spec), then the Content-Type header, then {@code <meta charset>} / {@code http-equiv},
 * then statistical detection, then UTF-8; labels are read as the WHATWG Encoding Standard says (GBK as
 * GB18030, Shift_JIS as windows-31j, ISO-8859-1 as windows-1252). Stateless and thread-safe.
 */
public interface PageParser {

    /**
     * Decodes {@code response.body()}; the page's location is {@code response.url()}.
     *
     * @throws IllegalArgumentException if the body was not downloaded ({@code bodyRead} is false)
     */
    Page decode(Fetched response);

    /** The standard parser. */
    static PageParser jsoup() {
        return new JsoupPageParser();
    }
}
