package dev.trawl.parse;

import dev.trawl.fetch.FetchResult.Fetched;

/** Placeholder until the charset-aware parser lands. */
final class JsoupPageParser implements PageParser {
    @Override
    public Page parse(Fetched response) {
        throw new UnsupportedOperationException("not yet");
    }
}
