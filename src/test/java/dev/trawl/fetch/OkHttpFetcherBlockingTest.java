package dev.trawl.fetch;

/** The fetcher contract through the blocking {@link Fetcher#fetch(String)}. */
class OkHttpFetcherBlockingTest extends FetcherContract {
    @Override
    FetchResult fetch(Fetcher fetcher, String url) {
        return fetcher.fetch(url);
    }
}
