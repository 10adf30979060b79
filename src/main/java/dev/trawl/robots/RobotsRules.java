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

    /** Whether {@code url} (absolute, on this host) may be fetched. */
    boolean allows(String url);

    /** The Crawl-delay the host asks for, if any. */
    Optional<Duration> crawlDelay();

    /**
     * Present when robots.txt could not be had (a 5xx, 429 or no response): these rules disallow
     * everything, and the frontier should ask again after this long rather than give up on the host.
     */
    Optional<Duration> retryAfter();
}
