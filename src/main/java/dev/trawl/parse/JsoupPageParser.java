package dev.trawl.parse;

import dev.trawl.fetch.FetchResult.Fetched;

/**
 * Decodes a body with the charset {@link CharsetSniffer} chooses. jsoup, if the caller builds a DOM, gets a
 * {@code String}, so it never guesses the charset again.
 *
 * <p>Stateless and thread-safe.
 */
final class JsoupPageParser implements PageParser {

    @Override
    public Page decode(Fetched response) {
        if (!response.bodyRead()) {
            throw new IllegalArgumentException("body of " + response.url() + " was not downloaded (content type "
                    + response.contentType().orElse("unknown") + "); check Fetched.isHtml() before parsing");
        }
        byte[] body = response.body();
        CharsetSniffer.Choice choice = CharsetSniffer.choose(body, response.headerCharset());
        String html = new String(body, choice.skip(), body.length - choice.skip(), choice.charset());
        return new Page(response, html, choice.charset(), choice.source());
    }
}
