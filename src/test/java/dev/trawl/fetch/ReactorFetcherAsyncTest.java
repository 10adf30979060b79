package dev.trawl.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

/** The fetcher contract on the reactor fetcher through {@link Fetcher#fetchAsync(String)}, on its I/O threads. */
class ReactorFetcherAsyncTest extends ReactorFetcherContract {
    @Override
    FetchResult fetch(Fetcher fetcher, String url) {
        return assertThat(fetcher.fetchAsync(url)).succeedsWithin(Duration.ofSeconds(10)).actual();
    }
}
