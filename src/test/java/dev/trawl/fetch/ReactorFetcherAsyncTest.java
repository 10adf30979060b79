package dev.trawl.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

/** The fetcher contract on the reactor fetcher through {@link Fetcher#fetchAsync(FetchRequest)}, on its I/O threads. */
class ReactorFetcherAsyncTest extends ReactorFetcherContract {
    @Override
    FetchResult fetch(Fetcher fetcher, FetchRequest request) {
        return assertThat(fetcher.fetchAsync(request)).succeedsWithin(Duration.ofSeconds(10)).actual();
    }
}
