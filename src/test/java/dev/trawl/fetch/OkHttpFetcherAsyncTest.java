package dev.trawl.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

/** The fetcher contract through {@link Fetcher#fetchAsync(FetchRequest)}: the same results, on OkHttp's threads. */
class OkHttpFetcherAsyncTest extends FetcherContract {
    @Override
    FetchResult fetch(Fetcher fetcher, FetchRequest request) {
        return assertThat(fetcher.fetchAsync(request)).succeedsWithin(Duration.ofSeconds(10)).actual();
    }
}
