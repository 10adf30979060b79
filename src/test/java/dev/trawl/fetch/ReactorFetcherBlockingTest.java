package dev.trawl.fetch;

/** The fetcher contract on the reactor fetcher through the blocking {@link Fetcher#fetch(String)}. */
class ReactorFetcherBlockingTest extends ReactorFetcherContract {
    @Override
    FetchResult fetch(Fetcher fetcher, String url) {
        return fetcher.fetch(url);
    }
}
