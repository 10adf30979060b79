package dev.trawl.robots;

import dev.trawl.config.CrawlConfig;
import dev.trawl.fetch.Fetcher;
import dev.trawl.fetch.SendListener;
import java.util.concurrent.CompletableFuture;

/**
 * The robots.txt rules of each host, fetched once and cached. Thread-safe; concurrent requests for the
 * same host share one fetch.
 */
public interface RobotsPolicy {

    /**
     * The rules for the origin of {@code url}, loading its robots.txt if they are not cached. The
     * future never fails: an unreachable robots.txt yields disallow-all rules (RFC 9309 section 2.3.1.4).
     */
    default CompletableFuture<RobotsRules> rulesFor(String url) {
        return rulesFor(url, SendListener.NONE);
    }

    /**
     * {@link #rulesFor(String)}, telling {@code listener} when a request for robots.txt goes out (once per
     * request: a redirect's next hop tells it again); when the rules come from the cache, nothing is sent and
     * it is never told.
     */
    CompletableFuture<RobotsRules> rulesFor(String url, SendListener listener);

    /** The product token robots.txt groups are matched on: "trawl/0.1 (+https://…)" → "trawl". */
    static String productToken(String userAgent) {
        return CachingRobotsPolicy.productToken(userAgent);
    }

    /** robots.txt through {@code fetcher}, parsed by crawler-commons, cached in Caffeine. */
    static RobotsPolicy caching(CrawlConfig.Politeness politeness, String userAgent, Fetcher fetcher) {
        return new CachingRobotsPolicy(politeness, userAgent, fetcher);
    }
}
