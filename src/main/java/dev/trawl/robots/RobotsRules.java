package dev.trawl.robots;

import java.time.Duration;
import java.util.Optional;

/** What one host's robots.txt allows. Implementations are immutable and thread-safe. */
public interface RobotsRules {

    /** Rules that allow everything: a missing robots.txt, or robots disabled. */
    RobotsRules ALLOW_ALL = new RobotsRules() {
        @Override
        public boolean allows(String url) {
            return true;
        }

        @Override
        public Optional<Duration> crawlDelay() {
            return Optional.empty();
        }

        @Override
        public Optional<Duration> retryAfter() {
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "allow all";
        }
    };

    /**
     * Rules for a host whose robots.txt could not be had (a 5xx, 429 or no response): nothing is allowed
     * for now, and it should be asked for again after {@code retry} (RFC 9309 section 2.3.1.4).
     */
    static RobotsRules unreachable(Duration retry) {
        return new Unreachable(retry);
    }

    /** Whether {@code url} (absolute, on this host) may be fetched. */
    boolean allows(String url);

    /** The Crawl-delay the host asks for, if any. */
    Optional<Duration> crawlDelay();

    /**
     * Present when robots.txt could not be had (a 5xx, 429 or no response): these rules disallow
     * everything, and the frontier should ask again after this long rather than give up on the host.
     */
    Optional<Duration> retryAfter();

    /** See {@link #unreachable(Duration)}. */
    record Unreachable(Duration retry) implements RobotsRules {
        @Override
        public boolean allows(String url) {
            return false;
        }

        @Override
        public Optional<Duration> crawlDelay() {
            return Optional.empty();
        }

        @Override
        public Optional<Duration> retryAfter() {
            return Optional.of(retry);
        }

        @Override
        public String toString() {
            return "robots.txt unreachable (server or network error), so nothing on this host may be fetched";
        }
    }
}
