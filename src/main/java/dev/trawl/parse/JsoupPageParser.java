package dev.trawl.parse;

import dev.trawl.fetch.FetchResult.Fetched;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;

/**
 * Decodes a body with the charset {@link CharsetSniffer} chooses and parses it with jsoup's HTML parser.
 * jsoup gets a {@code String}, so it never guesses the charset again. The document's base URI is the
 * response URL; jsoup applies {@code <base href>} on top, so {@code absUrl} resolves as a browser would.
 *
 * <p>Stateless and thread-safe: each call uses a new jsoup {@link Parser}.
 */
final class JsoupPageParser implements PageParser {

    @Override
    public Page parse(Fetched response) {
        if (!response.bodyRead()) {
            throw new IllegalArgumentException("body of " + response.url() + " was not downloaded (content type "
                    + response.contentType().orElse("unknown") + "); check Fetched.isHtml() before parsing");
        }
        byte[] body = response.body();
        CharsetSniffer.Choice choice = CharsetSniffer.choose(body, response.headerCharset());
        String html = new String(body, choice.skip(), body.length - choice.skip(), choice.charset());
        Document document = Jsoup.parse(html, response.url(), Parser.htmlParser());
        document.outputSettings().charset(choice.charset());
        return new Page(response, document, choice.charset(), choice.source());
    }
}
