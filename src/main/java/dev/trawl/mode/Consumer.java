package dev.trawl.mode;

import dev.trawl.extract.Extraction;
import dev.trawl.fetch.FailureKind;
import dev.trawl.fetch.FetchResult;
import dev.trawl.frontier.Admission;
import dev.trawl.frontier.CrawlUrl;
import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.UrlNormalizer;
import dev.trawl.sink.CrawlRecord;
import dev.trawl.stats.CrawlStats;
import java.util.List;
import java.util.Optional;

/**
 * The consumer half of the pipeline, the same in every mode: turn a hand-off into its record, offer
 * redirect targets to the frontier, and hand the record with the page's links to the {@link Recorder}
 * (which writes it and completes the URL), then count it. Thread-safe; many consumers share one instance.
 */
final class Consumer {
    private final Frontier frontier;
    private final PageRecord pages;
    private final UrlNormalizer normalizer;
    private final Recorder recorder;
    private final CrawlStats stats;
    private final int maxRedirects;
    private final String robotName;

    /** @param robotName the robots token whose {@code X-Robots-Tag} directives apply to unparsed responses */
    Consumer(Frontier frontier, PageRecord pages, UrlNormalizer normalizer, Recorder recorder, CrawlStats stats,
            int maxRedirects, String robotName) {
        this.robotName = robotName;
        this.frontier = frontier;
        this.pages = pages;
        this.normalizer = normalizer;
        this.recorder = recorder;
        this.stats = stats;
        this.maxRedirects = maxRedirects;
    }

    /** A record and the links found on its page (empty unless it is a parsed page without nofollow). */
    private record Result(CrawlRecord record, List<String> links) {}

    /** Records one outcome and completes its URL, whatever happens on the way. */
    void consume(Handoff handoff) {
        Result result;
        try {
            result = resultOf(handoff);
        } catch (RuntimeException e) {
            frontier.complete(handoff.lease(), List.of());
            throw e;
        }
        recorder.record(handoff.lease(), result.record(), result.links());
        stats.record(result.record());
    }

    private Result resultOf(Handoff handoff) {
        if (handoff.outcome() instanceof Handoff.Outcome.Parsed parsed) {
            Extraction extraction = parsed.extraction();
            return new Result(extraction.record(), extraction.links());
        }
        return new Result(pages.withEmptyFields(recordOf(handoff)), List.of());
    }

    private CrawlRecord recordOf(Handoff handoff) {
        CrawlUrl url = handoff.lease().url();
        int attempts = url.attempt() + 1;
        return switch (handoff.outcome()) {
            case Handoff.Outcome.Disallowed disallowed -> Records.skipped(url, disallowed.kind(), disallowed.reason());
            case Handoff.Outcome.Failed failed -> Records.failed(url, failed.failure(), attempts);
            case Handoff.Outcome.Unparsed unparsed when unparsed.response().isRedirect() ->
                    redirect(url, unparsed.response(), attempts);
            case Handoff.Outcome.Unparsed unparsed -> Records.unparsed(url, unparsed.response(), attempts, robotName);
            case Handoff.Outcome.Unparseable bad ->
                    Records.unparsed(url, bad.response(), attempts, robotName).withError(FailureKind.PARSE_ERROR, bad.problem());
            case Handoff.Outcome.Parsed parsed -> throw new IllegalArgumentException("a parsed page has links too");
        };
    }

    private CrawlRecord redirect(CrawlUrl url, FetchResult.Fetched fetched, int attempts) {
        String location = fetched.location().orElseThrow();
        Optional<String> target = normalizer.base(url.url()).flatMap(base -> normalizer.resolve(base, location));
        if (target.isEmpty()) {
            return Records.unparsed(url, fetched, attempts, robotName)
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
