package dev.trawl.fetch;

/** The fetcher contract through the blocking {@link Fetcher#fetch(FetchRequest)}. */
class OkHttpFetcherBlockingTest extends FetcherContract {
    @Override
    FetchResult fetch(Fetcher fetcher, FetchRequest request) {
        return fetcher.fetch(request);
    }
}
