package dev.trawl.robots;

import dev.trawl.fetch.FailureKind;
import java.time.Duration;
import java.util.Objects;
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
        return new Unreachable(Optional.of(retry), "server or network error", Optional.empty());
    }

    /**
     * Rules for a host whose robots.txt could not be had, saying why: {@code cause} is the network failure
     * when no response came at all ({@code dns}, {@code connect}, {@code tls}, …), which then names the
     * records of the host's URLs instead of {@code robots_disallowed}.
     */
    static RobotsRules unreachable(Duration retry, String why, Optional<FailureKind> cause) {
        return new Unreachable(Optional.of(retry), why, cause);
    }

    /**
     * Rules for a host that must not be asked again at all (its address is refused): nothing allowed, no
     * retry.
     */
    static RobotsRules refused(String why, FailureKind cause) {
        return new Unreachable(Optional.empty(), why, Optional.of(cause));
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

    /**
     * The network failure that kept robots.txt away (no response at all), if that was the reason; empty
     * for rules that were read, and for a robots.txt that answered with an error status.
     */
    default Optional<FailureKind> failure() {
        return Optional.empty();
    }

    /** The sitemap URLs robots.txt names in {@code Sitemap:} lines, as written; empty if none or not read. */
    default java.util.List<String> sitemaps() {
        return java.util.List.of();
    }

    /**
     * See {@link #unreachable(Duration, String, Optional)}.
     *
     * @param retry ask again after this long; empty: never
     * @param why what went wrong, for records and progress lines
     * @param cause the network failure, when no response came at all
     */
    record Unreachable(Optional<Duration> retry, String why, Optional<FailureKind> cause) implements RobotsRules {
        public Unreachable {
            Objects.requireNonNull(retry, "retry");
            Objects.requireNonNull(why, "why");
            Objects.requireNonNull(cause, "cause");
        }

        @Override
        public Optional<FailureKind> failure() {
            return cause;
        }

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
            return retry;
        }

        @Override
        public String toString() {
            return "robots.txt unreachable (" + why + "), so nothing on this host may be fetched (RFC 9309)";
        }
    }
}
