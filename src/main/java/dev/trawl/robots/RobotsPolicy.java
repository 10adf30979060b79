package dev.trawl.robots;

import dev.trawl.config.CrawlConfig;
import dev.trawl.fetch.Fetcher;
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
    CompletableFuture<RobotsRules> rulesFor(String url);

    /** The product token robots.txt groups are matched on: "trawl/0.1 (+https://…)" → "trawl". */
    static String productToken(String userAgent) {
        return CachingRobotsPolicy.productToken(userAgent);
    }

    /** robots.txt through {@code fetcher}, parsed by crawler-commons, cached in Caffeine. */
    static RobotsPolicy caching(CrawlConfig.Politeness politeness, String userAgent, Fetcher fetcher) {
        return new CachingRobotsPolicy(politeness, userAgent, fetcher);
    }
}
