package dev.trawl.frontier;

/**
 * A unit of work the frontier hands to a producer. The producer must answer every lease exactly
 * once: {@code ROBOTS} with {@link Frontier#robotsLoaded}; {@code FETCH} with {@link Frontier#fetched}
 * or {@link Frontier#retry}, then (unless retried) {@link Frontier#complete}; {@code DISALLOWED} with
 * {@link Frontier#complete}.
 *
 * @param url the URL concerned (for ROBOTS, the first URL waiting on that host)
 * @param kind what to do
 * @param reason for DISALLOWED, why (the host's rules, e.g. "robots.txt unreachable"); else empty
 */
public record Lease(CrawlUrl url, Kind kind, String reason) {

    public Lease {
        java.util.Objects.requireNonNull(url, "url");
        java.util.Objects.requireNonNull(kind, "kind");
        java.util.Objects.requireNonNull(reason, "reason");
    }

    /** A ROBOTS or FETCH lease. */
    public Lease(CrawlUrl url, Kind kind) {
        this(url, kind, "");
    }

    /** What a lease asks of the producer. */
    public enum Kind {
        /** Load the host's robots.txt; the URL stays queued. Holds a host slot. */
        ROBOTS,
        /** Fetch the URL. Holds a host slot until {@link Frontier#fetched} or {@link Frontier#retry}. */
        FETCH,
        /** robots.txt forbids the URL: record it as skipped; no request is made and no slot is held. */
        DISALLOWED
    }
}
