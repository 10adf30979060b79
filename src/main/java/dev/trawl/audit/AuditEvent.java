package dev.trawl.audit;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One fact about the requests a crawl made to a host, as the frontier (the one owner of politeness) saw
 * it: what {@link PolitenessAudit} checks and what an audit log keeps, one line each ({@link AuditLines}).
 * Times are nanoseconds since the Unix epoch, on the frontier's monotonic clock (so two facts of one crawl
 * differ exactly as that clock did). Immutable.
 */
public sealed interface AuditEvent {

    /** When it happened, in nanoseconds since the epoch. */
    long at();

    /** What a request was for. */
    enum Kind { ROBOTS, SITEMAP, PAGE }

    /**
     * A crawl's process began to crawl with {@code policy}: requests still open from an earlier process (a job's
     * earlier run, perhaps killed) are over, their connections gone with it. (A processes-mode child that dies
     * is {@link Orphaned}: only its own hosts' requests are over.)
     */
    record Start(long at, AuditPolicy policy) implements AuditEvent {
        public Start {
            Objects.requireNonNull(policy, "policy");
        }
    }

    /**
     * The process that crawled {@code hosts} is gone (a processes-mode child died and is restarted): their
     * requests still open are over, their connections gone with it, and will never be told ended. Other hosts'
     * requests, another process's, are not.
     */
    record Orphaned(long at, List<String> hosts) implements AuditEvent {
        public Orphaned {
            hosts = List.copyOf(hosts);
        }
    }

    /**
     * A request to {@code host} went out (its head written on the wire). It was decided on at {@code leased}
     * (the frontier's lease, at or before {@code at}): a request is held to what was known when it was leased,
     * so an end or a Retry-After that came between its lease and its sending does not count against it.
     */
    record Sent(long at, long leased, String host, String url, Kind kind) implements AuditEvent {
        public Sent {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /**
     * A page request got a response: with a 429 or 503 and a {@code Retry-After}, the host owes a pause
     * from now.
     */
    record Answered(long at, String host, String url, int status, Optional<Duration> retryAfter)
            implements AuditEvent {
        public Answered {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    /**
     * A request to {@code host} is over: its slot is free. {@code crawlDelay} is the Crawl-delay a robots.txt
     * just read asks for (as written, before {@code politeness.max-crawl-delay} caps it).
     */
    record Ended(long at, String host, String url, Optional<Duration> crawlDelay) implements AuditEvent {
        public Ended {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(crawlDelay, "crawlDelay");
        }
    }
}
