package dev.trawl.parse;

import dev.trawl.fetch.FetchResult.Fetched;
import java.nio.charset.Charset;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;

/**
 * A fetched HTML page, decoded: its text and how it was decoded. What is read from it is chosen by the
 * caller, since the two readings differ tenfold in cost: {@link #outline()} (what a record needs: title,
 * base, language, links and meta, by a tokenizer that builds no tree) or {@link #document()} (jsoup's
 * full DOM, for the CSS-selector extraction rules the outline's pass cannot answer). Immutable and thread-safe; each call reads the text anew.
 *
 * @param response the HTTP response the text came from
 * @param html the body decoded with {@code charset}, byte-order mark skipped
 * @param charset the charset the body was decoded with
 * @param charsetSource where that charset came from
 */
public record Page(Fetched response, String html, Charset charset, CharsetSource charsetSource) {

    /** How the charset of a page was chosen. */
    public enum CharsetSource { HEADER, BOM, META, DETECTED, DEFAULT }

    /**
     * jsoup's DOM of the page, built on each call (about 7 bytes of heap per byte of HTML). Its base URI is
     * the response URL, with {@code <base href>} applied on top, so {@code absUrl} resolves as a browser would.
     */
    public Document document() {
        Document document = Jsoup.parse(html, response.url(), Parser.htmlParser());
        document.outputSettings().charset(charset);
        return document;
    }

    /** The page's outline, read on each call: what jsoup's DOM would give for a record, without building it. */
    public Outline outline() {
        return Outline.of(html, response.url());
    }

    /** The page's outline with what {@code probes} gather in the same pass ({@link Outline#probed()}). */
    public Outline outline(ProbeSet probes) {
        return Outline.of(html, response.url(), probes);
    }
}
