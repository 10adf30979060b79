package dev.trawl.audit;

import dev.trawl.config.CrawlConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a crawl promised each host, the yardstick of {@link PolitenessAudit}:
 * <ul>
 *   <li>a request starts at least {@code delay} (or the host's robots.txt Crawl-delay, capped at
 *       {@code maxCrawlDelay}, if larger) after the previous request to the host started, and after the
 *       last one ended;
 *   <li>at most {@code perHost} requests to the host are in flight at once;
 *   <li>after a 429 or 503 with {@code Retry-After}, no request to the host before that much time has
 *       passed (at most {@code maxRetryAfter}).
 * </ul>
 *
 * @param delay {@code politeness.delay}
 * @param perHost {@code politeness.per-host}
 * @param maxCrawlDelay {@code politeness.max-crawl-delay}
 * @param maxRetryAfter the longest Retry-After pause honoured: {@code politeness.max-backoff}
 */
public record AuditPolicy(Duration delay, int perHost, Duration maxCrawlDelay, Duration maxRetryAfter) {

    public AuditPolicy {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(maxCrawlDelay, "maxCrawlDelay");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (perHost < 1) {
            throw new IllegalArgumentException("perHost must be at least 1: " + perHost);
        }
    }

    /** The promises of {@code politeness}. */
    public static AuditPolicy of(CrawlConfig.Politeness politeness) {
        return new AuditPolicy(politeness.delay(), politeness.perHost(), politeness.maxCrawlDelay(),
                politeness.adaptive().maxBackoff());
    }

    /**
     * The pause a response owes its host, the one Retry-After rule: a 429 or 503 with a {@code Retry-After} holds
     * the host for what the server asked, up to {@link #maxRetryAfter}; any other response, no pause. The
     * frontier keeps it, adaptive politeness starts its backoff from it, and the audit checks it. (A fetch's retry
     * of its one URL, {@code RetryPolicy}, reads Retry-After for itself: whether and when to try that URL again,
     * giving up past {@code fetch.max-retry-after}, is not how long its host rests.)
     */
    public Optional<Duration> holdFor(int status, Optional<Duration> retryAfter) {
        if ((status != 429 && status != 503) || retryAfter.isEmpty()) {
            return Optional.empty();
        }
        Duration asked = retryAfter.get();
        return Optional.of(asked.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : asked);
    }

    /** The gap a host with robots.txt Crawl-delay {@code asked} is owed: the larger of it (capped) and the delay. */
    public Duration gapFor(Duration asked) {
        Duration capped = asked.compareTo(maxCrawlDelay) > 0 ? maxCrawlDelay : asked;
        return capped.compareTo(delay) > 0 ? capped : delay;
    }
}
