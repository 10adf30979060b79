package dev.trawl.parse;

import dev.trawl.fetch.FetchResult.Fetched;
import java.nio.charset.Charset;
import org.jsoup.nodes.Document;

/**
 * A fetched and parsed HTML page, handed from a producer to a consumer through the bounded queue. The
 * queue's happens-before guarantee makes handing over the (mutable) {@link Document} safe; after the
 * hand-off only the consumer touches it.
 *
 * @param response the HTTP response the document came from
 * @param document the parsed document; its base URI honours {@code <base href>}
 * @param charset the charset the body was decoded with
 * @param charsetSource where that charset came from
 */
public record Page(Fetched response, Document document, Charset charset, CharsetSource charsetSource) {

    /** How the charset of a page was chosen. */
    public enum CharsetSource { HEADER, BOM, META, DETECTED, DEFAULT }
}
