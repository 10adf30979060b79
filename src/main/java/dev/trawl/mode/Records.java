package dev.trawl.mode;

import dev.trawl.fetch.FetchResult;
import dev.trawl.frontier.CrawlUrl;
import dev.trawl.sink.CrawlRecord;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/** The records of outcomes that are not parsed pages: skips, failures, redirects and non-HTML responses. */
final class Records {
    private Records() {}

    static CrawlRecord skipped(CrawlUrl url, String kind, String message) {
        return new CrawlRecord(url.url(), url.url(), OptionalInt.empty(), Optional.empty(), url.depth(),
                Instant.now(), 0, 0, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 0, false, false, 0, Optional.of(kind), Optional.of(message));
    }

    static CrawlRecord failed(CrawlUrl url, FetchResult.Failed failed, int attempts) {
        return new CrawlRecord(url.url(), url.url(), OptionalInt.empty(), Optional.empty(), url.depth(),
                failed.startedAt(), failed.elapsed().toMillis(), 0, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), 0, false, false, attempts,
                Optional.of(failed.kind().label()), Optional.of(failed.message()));
    }

    static CrawlRecord unparsed(CrawlUrl url, FetchResult.Fetched fetched, int attempts) {
        return redirect(url, fetched, url.url(), attempts);
    }

    static CrawlRecord redirect(CrawlUrl url, FetchResult.Fetched fetched, String finalUrl, int attempts) {
        return new CrawlRecord(url.url(), finalUrl, OptionalInt.of(fetched.status()), fetched.contentType(),
                url.depth(), fetched.startedAt(), fetched.elapsed().toMillis(), fetched.body().length,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0, false,
                false, attempts, Optional.empty(), Optional.empty());
    }
}
