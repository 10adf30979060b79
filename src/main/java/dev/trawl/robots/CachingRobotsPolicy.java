package dev.trawl.robots;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import dev.trawl.config.CrawlConfig;
import dev.trawl.fetch.FailureKind;
import dev.trawl.fetch.FetchRequest;
import dev.trawl.fetch.FetchResult;
import dev.trawl.fetch.Fetcher;
import dev.trawl.fetch.SendListener;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * RFC 9309 robots.txt handling. 2xx: parsed with crawler-commons. 3xx: followed up to five hops. 4xx:
 * no restrictions. 5xx or 429: everything disallowed until {@code robots-error-retry} has passed, then
 * asked again. No response at all (unknown host, refused connection, TLS failure, timeout): everything
 * disallowed too, but asked again after {@link #NETWORK_RETRY} at most, so that a dead host is given up
 * in seconds rather than minutes, with its cause. Rules are cached per origin in a Caffeine cache sized by the
 * {@code robots-cache} spec. Thread-safe.
 */
final class CachingRobotsPolicy implements RobotsPolicy {
    /** RFC 9309 asks crawlers to parse at least 500 KiB. */
    static final long MAX_ROBOTS_BYTES = 512 * 1024;
    private static final int MAX_REDIRECTS = 5;
    /**
     * When robots.txt got no response at all, ask again this soon (or after {@code robots-error-retry}, if
     * shorter): a server that answers 503 may be busy for minutes, but a refused connection or an unknown
     * name is either back in a moment or gone, and waiting a minute for each try would hold the crawl.
     */
    static final Duration NETWORK_RETRY = Duration.ofSeconds(2);

    private final AsyncCache<String, Entry> cache;
    private final SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
    private final CrawlConfig.Politeness politeness;
    private final String robotName;
    private final Fetcher fetcher;

    CachingRobotsPolicy(CrawlConfig.Politeness politeness, String userAgent, Fetcher fetcher) {
        this.politeness = politeness;
        this.fetcher = fetcher;
        this.robotName = productToken(userAgent);
        this.cache = Caffeine.from(politeness.robotsCache()).buildAsync();
        parser.setMaxCrawlDelay(Long.MAX_VALUE);
    }

    @Override
    public CompletableFuture<RobotsRules> rulesFor(String url, SendListener listener) {
        if (!politeness.robots()) {
            return CompletableFuture.completedFuture(RobotsRules.ALLOW_ALL);
        }
        URI uri = URI.create(url);
        String origin = uri.getScheme() + "://" + uri.getRawAuthority();
        CompletableFuture<Entry> entry = cache.get(origin, (key, executor) -> load(key, listener));
        return entry.thenCompose(e -> {
            if (e.expiresAt().isAfter(Instant.now())) {
                return CompletableFuture.completedFuture(e.rules());
            }
            cache.asMap().remove(origin, entry);
            return cache.get(origin, (key, executor) -> load(key, listener)).thenApply(Entry::rules);
        });
    }

    private CompletableFuture<Entry> load(String origin, SendListener listener) {
        return fetchRules(origin + "/robots.txt", 0, listener);
    }

    private CompletableFuture<Entry> fetchRules(String robotsUrl, int hops, SendListener listener) {
        FetchRequest request = FetchRequest.of(robotsUrl).capped(MAX_ROBOTS_BYTES).whenSent(listener);
        return fetcher.fetchAsync(request).thenCompose(result -> {
            if (result instanceof FetchResult.Fetched fetched && fetched.isRedirect() && hops < MAX_REDIRECTS) {
                try {
                    String target = URI.create(robotsUrl).resolve(fetched.location().orElseThrow()).toString();
                    return fetchRules(target, hops + 1, listener);
                } catch (IllegalArgumentException badLocation) {
                    // RFC 9309 2.3.1.2: a redirect that cannot be followed leaves robots.txt "unavailable"
                    return CompletableFuture.completedFuture(
                            new Entry(RobotsRules.ALLOW_ALL, Instant.now().plus(politeness.robotsErrorRetry())));
                }
            }
            return CompletableFuture.completedFuture(entryFor(robotsUrl, result));
        });
    }

    private Entry entryFor(String robotsUrl, FetchResult result) {
        Instant now = Instant.now();
        Duration retry = politeness.robotsErrorRetry();
        return switch (result) {
            case FetchResult.Failed failed when failed.kind() == FailureKind.ADDRESS_REFUSED -> new Entry(
                    RobotsRules.refused(failed.message(), failed.kind()), now.plus(retry));
            case FetchResult.Failed failed -> {
                Duration soon = retry.compareTo(NETWORK_RETRY) < 0 ? retry : NETWORK_RETRY;
                yield new Entry(RobotsRules.unreachable(soon, failed.kind().label() + ": " + failed.message(),
                        Optional.of(failed.kind())), now.plus(soon));
            }
            case FetchResult.Fetched fetched when fetched.status() >= 200 && fetched.status() < 300 -> {
                BaseRobotRules parsed = parser.parseContent(robotsUrl, fetched.body(),
                        fetched.contentType().orElse("text/plain"), List.of(robotName));
                yield new Entry(new Parsed(parsed), now.plus(Duration.ofDays(3650)));
            }
            case FetchResult.Fetched fetched when fetched.status() >= 300 && fetched.status() < 500
                    && fetched.status() != 429 -> new Entry(RobotsRules.ALLOW_ALL, now.plus(Duration.ofDays(3650)));
            case FetchResult.Fetched fetched -> new Entry(RobotsRules.unreachable(retry,
                    "status " + fetched.status(), Optional.empty()), now.plus(retry));
        };
    }

    /** "trawl/0.1 (+https://…)" → "trawl": the token robots.txt groups are matched on. */
    static String productToken(String userAgent) {
        String token = userAgent.strip().split("[/\\s(]", 2)[0];
        return token.isEmpty() ? "*" : token.toLowerCase(Locale.ROOT);
    }

    /** Cached rules; {@code expiresAt} is far off for real rules (the cache spec bounds them) and short for failures. */
    private record Entry(RobotsRules rules, Instant expiresAt) {}

    private record Parsed(BaseRobotRules rules) implements RobotsRules {
        @Override
        public boolean allows(String url) {
            return rules.isAllowed(url);
        }

        @Override
        public Optional<Duration> crawlDelay() {
            long millis = rules.getCrawlDelay();
            return millis == BaseRobotRules.UNSET_CRAWL_DELAY || millis <= 0
                    ? Optional.empty() : Optional.of(Duration.ofMillis(millis));
        }

        @Override
        public Optional<Duration> retryAfter() {
            return Optional.empty();
        }

        @Override
        public List<String> sitemaps() {
            return List.copyOf(rules.getSitemaps());
        }

        @Override
        public String toString() {
            return "robots.txt disallows this URL";
        }
    }
}
