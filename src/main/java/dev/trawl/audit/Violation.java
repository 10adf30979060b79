package dev.trawl.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One request that broke a promise of {@link AuditPolicy}.
 *
 * @param kind which promise
 * @param host the politeness key (host and port)
 * @param url the request's URL
 * @param at when it started
 * @param detail what was seen against what was required, e.g. "started 120 ms after the host's previous
 *     request started; politeness.delay requires 250 ms"
 */
public record Violation(Kind kind, String host, String url, Instant at, String detail) {

    public Violation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(detail, "detail");
    }

    /** The promise broken. */
    public enum Kind {
        DELAY("gap under politeness.delay", "gaps under politeness.delay"),
        CRAWL_DELAY("gap under a robots.txt Crawl-delay", "gaps under a robots.txt Crawl-delay"),
        RETRY_AFTER("request inside a Retry-After pause", "requests inside a Retry-After pause"),
        PER_HOST("request over politeness.per-host", "requests over politeness.per-host");

        private final String one;
        private final String many;

        Kind(String one, String many) {
            this.one = one;
            this.many = many;
        }

        /** "1 gap under politeness.delay", "3 gaps under politeness.delay". */
        public String count(long n) {
            return String.format(java.util.Locale.ROOT, "%,d %s", n, n == 1 ? one : many);
        }
    }

    /** One line: {@code a.test:80 http://a.test/x at 2026-…Z: started 120 ms after …}. */
    public String render() {
        return host + " " + url + " at " + at + ": " + detail;
    }
}
