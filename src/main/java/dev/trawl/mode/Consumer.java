package dev.trawl.mode;

import dev.trawl.extract.Extraction;
import dev.trawl.fetch.FailureKind;
import dev.trawl.fetch.FetchResult;
import dev.trawl.frontier.Admission;
import dev.trawl.frontier.CrawlUrl;
import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.UrlNormalizer;
import dev.trawl.sink.CrawlRecord;
import dev.trawl.sink.Sink;
import dev.trawl.stats.CrawlStats;
import java.util.Optional;

/**
 * The consumer half of the pipeline, the same in every mode: turn a hand-off into its record, send
 * outlinks and redirect targets back to the frontier, write the record, count it, and complete the URL.
 * Thread-safe; many consumers share one instance.
 */
final class Consumer {
    private final Frontier frontier;
    private final UrlNormalizer normalizer;
    private final Sink sink;
    private final CrawlStats stats;
    private final int maxRedirects;

    Consumer(Frontier frontier, UrlNormalizer normalizer, Sink sink, CrawlStats stats, int maxRedirects) {
        this.frontier = frontier;
        this.normalizer = normalizer;
        this.sink = sink;
        this.stats = stats;
        this.maxRedirects = maxRedirects;
    }

    /** Records one outcome and completes its URL, whatever happens on the way. */
    void consume(Handoff handoff) {
        try {
            CrawlRecord record = recordOf(handoff);
            sink.write(record);
            stats.record(record);
        } finally {
            frontier.complete(handoff.lease());
        }
    }

    private CrawlRecord recordOf(Handoff handoff) {
        CrawlUrl url = handoff.lease().url();
        int attempts = url.attempt() + 1;
        return switch (handoff.outcome()) {
            case Handoff.Outcome.Disallowed disallowed -> Records.skipped(url, disallowed.kind(), disallowed.reason());
            case Handoff.Outcome.Failed failed -> Records.failed(url, failed.failure(), attempts);
            case Handoff.Outcome.Unparsed unparsed when unparsed.response().isRedirect() ->
                    redirect(url, unparsed.response(), attempts);
            case Handoff.Outcome.Unparsed unparsed -> Records.unparsed(url, unparsed.response(), attempts);
            case Handoff.Outcome.Unparseable bad ->
                    Records.unparsed(url, bad.response(), attempts).withError(FailureKind.PARSE_ERROR, bad.problem());
            case Handoff.Outcome.Parsed parsed -> {
                Extraction extraction = parsed.extraction();
                for (String link : extraction.links()) {
                    frontier.offer(CrawlUrl.of(link, url.depth() + 1));
                }
                yield extraction.record();
            }
        };
    }

    private CrawlRecord redirect(CrawlUrl url, FetchResult.Fetched fetched, int attempts) {
        String location = fetched.location().orElseThrow();
        Optional<String> target = normalizer.base(url.url()).flatMap(base -> normalizer.resolve(base, location));
        if (target.isEmpty()) {
            return Records.unparsed(url, fetched, attempts)
                    .withError(FailureKind.INVALID_URL, "redirect to an unusable location: '" + location + "'");
        }
        String to = target.get();
        CrawlRecord record = Records.redirect(url, fetched, to, attempts);
        if (to.equals(url.url()) || url.redirectChain().contains(to)) {
            return record.withError(FailureKind.REDIRECT_LOOP,
                    "redirect loop: " + String.join(" -> ", url.redirectChain()) + " -> " + url.url() + " -> " + to);
        }
        if (url.redirects() >= maxRedirects) {
            return record.withError(FailureKind.TOO_MANY_REDIRECTS,
                    "more than " + maxRedirects + " redirects from " + url.redirectChain().get(0));
        }
        Admission admission = frontier.offer(url.redirectTo(to));
        return switch (admission) {
            case ADMITTED, DUPLICATE, STOPPED -> record;
            case OUT_OF_SCOPE, TOO_DEEP, OVER_BUDGET -> record.withError(FailureKind.REDIRECT_NOT_FOLLOWED,
                    "redirect target " + to + " not followed: " + admission.name().toLowerCase(java.util.Locale.ROOT));
        };
    }
}
