package dev.trawl.mode;

import dev.trawl.extract.RobotsDirectives;
import dev.trawl.fetch.FailureKind;
import dev.trawl.fetch.FetchResult;
import dev.trawl.frontier.CrawlUrl;
import dev.trawl.sink.CrawlRecord;
import java.time.Instant;

/**
 * The records of outcomes that are not parsed pages: skips, failures, redirects and non-HTML responses
 * (a parsed page's record comes from the {@link dev.trawl.extract.Extractor}, on the same builder).
 */
final class Records {
    private Records() {}

    static CrawlRecord skipped(CrawlUrl url, FailureKind kind, String message) {
        return CrawlRecord.builder(url.url(), url.depth()).fetchedAt(Instant.now()).error(kind, message).build();
    }

    static CrawlRecord failed(CrawlUrl url, FetchResult.Failed failed, int attempts) {
        return CrawlRecord.builder(url.url(), url.depth()).failure(failed).attempts(attempts).build();
    }

    /**
     * A response that was not parsed. Its links are never followed (non-HTML bodies are not even read), so
     * only an {@code X-Robots-Tag: noindex} is worth recording.
     */
    static CrawlRecord unparsed(CrawlUrl url, FetchResult.Fetched fetched, int attempts, String robotName) {
        RobotsDirectives robots = RobotsDirectives.fromHeaders(fetched.robotsTags(), robotName);
        return CrawlRecord.builder(url.url(), url.depth()).response(fetched).attempts(attempts)
                .noindex(robots.noindex()).nofollow(robots.nofollow()).build();
    }

    static CrawlRecord redirect(CrawlUrl url, FetchResult.Fetched fetched, String finalUrl, int attempts) {
        return CrawlRecord.builder(url.url(), url.depth()).response(fetched).finalUrl(finalUrl).attempts(attempts)
                .build();
    }
}
