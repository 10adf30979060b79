package dev.trawl.fetch;

/** The fetcher contract on the reactor fetcher through the blocking {@link Fetcher#fetch(FetchRequest)}. */
class ReactorFetcherBlockingTest extends ReactorFetcherContract {
    @Override
    FetchResult fetch(Fetcher fetcher, FetchRequest request) {
        return fetcher.fetch(request);
    }
}
