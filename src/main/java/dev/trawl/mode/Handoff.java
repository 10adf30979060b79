package dev.trawl.mode;

import dev.trawl.extract.Extraction;
import dev.trawl.fetch.FailureKind;
import dev.trawl.fetch.FetchResult;
import dev.trawl.frontier.Lease;
import java.util.Objects;

/**
 * What a producer hands a consumer through the bounded queue: the outcome of one lease. Every FETCH and
 * DISALLOWED lease yields exactly one hand-off, so every URL tried gets exactly one record. A parsed
 * document never enters the queue: producers extract as soon as they parse, so the queue holds bodies
 * and links, bounded by bytes ({@link HandoffQueue}).
 *
 * <p>End of stream: when the producers are done, the pipeline puts one {@link #END} per consumer; a
 * consumer that takes it exits.
 *
 * @param lease the lease answered
 * @param outcome what came of it
 */
record Handoff(Lease lease, Outcome outcome) {

    /** The end-of-stream marker: a consumer that takes it stops. Its lease is never read. */
    static final Handoff END = new Handoff(null, new Outcome.Disallowed(FailureKind.CANCELLED, "end of stream"));

    Handoff {
        Objects.requireNonNull(outcome, "outcome");
    }

    /** The hand-off of a DISALLOWED lease: nothing was requested. */
    static Handoff disallowed(Lease lease) {
        return new Handoff(lease, new Outcome.Disallowed(lease.cause().orElse(FailureKind.ROBOTS_DISALLOWED),
                lease.reason()));
    }

    /** Roughly how many heap bytes this hand-off holds while it waits in the queue: body, links, the rest. */
    long weight() {
        long weight = 1024;
        switch (outcome) {
            case Outcome.Parsed parsed -> {
                weight += parsed.response().body().length;
                for (String link : parsed.extraction().links()) {
                    weight += 48 + link.length();
                }
            }
            case Outcome.Unparsed unparsed -> weight += unparsed.response().body().length;
            case Outcome.Unparseable bad -> weight += bad.response().body().length;
            case Outcome.Disallowed disallowed -> { }
            case Outcome.Failed failed -> { }
        }
        return weight;
    }

    /** What came of a lease: one case per kind of record the consumer writes. */
    sealed interface Outcome {
        /** The URL may not be fetched (robots.txt forbids it, or its host is given up): nothing was requested. */
        record Disallowed(FailureKind kind, String reason) implements Outcome {}

        /** No usable response. */
        record Failed(FetchResult.Failed failure) implements Outcome {}

        /** A response that is not parsed: a redirect, a non-2xx status, or a body that is not HTML. */
        record Unparsed(FetchResult.Fetched response) implements Outcome {}

        /** A 2xx HTML response, parsed and extracted (the document itself is gone). */
        record Parsed(FetchResult.Fetched response, Extraction extraction) implements Outcome {}

        /** A 2xx HTML response the parser could not read. */
        record Unparseable(FetchResult.Fetched response, String problem) implements Outcome {}
    }
}
