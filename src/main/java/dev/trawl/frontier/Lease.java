package dev.trawl.frontier;

import dev.trawl.fetch.FailureKind;
import java.util.Objects;
import java.util.Optional;

/**
 * A unit of work the frontier hands to a producer. The producer must answer every lease exactly
 * once: {@code ROBOTS} with {@link Frontier#robotsLoaded}; {@code FETCH} with {@link Frontier#fetched}
 * or {@link Frontier#retry}, then (unless retried) {@link Frontier#complete}; {@code DISALLOWED} with
 * {@link Frontier#complete}; {@code SITEMAP} with {@link Frontier#sitemapLoaded}. A lease that makes a request
 * ({@code ROBOTS}, {@code FETCH}, {@code SITEMAP}) also tells {@link Frontier#sent} when it goes out.
 *
 * @param url the URL concerned (for ROBOTS, the first URL waiting on that host)
 * @param kind what to do
 * @param reason for DISALLOWED, why (the host's rules, e.g. "robots.txt unreachable"); else empty
 * @param cause for DISALLOWED because robots.txt got no response at all, the network failure (the real
 *     cause, recorded instead of {@code robots_disallowed}); else empty
 */
public record Lease(CrawlUrl url, Kind kind, String reason, Optional<FailureKind> cause) {

    public Lease {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(cause, "cause");
    }

    /** A ROBOTS or FETCH lease. */
    public Lease(CrawlUrl url, Kind kind) {
        this(url, kind, "", Optional.empty());
    }

    /** A DISALLOWED lease for a robots.txt that was read and forbids the URL. */
    public Lease(CrawlUrl url, Kind kind, String reason) {
        this(url, kind, reason, Optional.empty());
    }

    /** What a lease asks of the producer. */
    public enum Kind {
        /** Load the host's robots.txt; the URL stays queued. Holds a host slot. */
        ROBOTS,
        /** Fetch the URL. Holds a host slot until {@link Frontier#fetched} or {@link Frontier#retry}. */
        FETCH,
        /**
         * Fetch and read the sitemap at the lease's URL (a seed host's, before its pages): offer the page
         * URLs it lists, then answer with the sitemaps it lists. Holds a host slot; no record is written.
         */
        SITEMAP,
        /** robots.txt forbids the URL: record it as skipped; no request is made and no slot is held. */
        DISALLOWED
    }
}
