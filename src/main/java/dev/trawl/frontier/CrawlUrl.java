package dev.trawl.frontier;

import java.util.List;
import java.util.Objects;

/**
 * A URL the crawl will fetch, with how it was reached.
 *
 * @param url the normalized URL
 * @param host the politeness key: host, plus the port when not the default
 * @param depth link hops from a seed (a redirect keeps the depth of its source)
 * @param redirectChain the URLs that redirected here, oldest first; empty unless reached by redirect
 * @param attempt how many times the fetch has been tried before (0 on the first try)
 */
public record CrawlUrl(String url, String host, int depth, List<String> redirectChain, int attempt) {

    public CrawlUrl {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(host, "host");
        redirectChain = List.copyOf(redirectChain);
        if (depth < 0) {
            throw new IllegalArgumentException("depth must not be negative: " + depth);
        }
    }

    /** A seed, or a link found at {@code depth}; {@code normalizedUrl} must come from {@link UrlNormalizer}. */
    public static CrawlUrl of(String normalizedUrl, int depth) {
        return new CrawlUrl(normalizedUrl, UrlNormalizer.hostKey(normalizedUrl), depth, List.of(), 0);
    }

    /** The target of a redirect from this URL. */
    public CrawlUrl redirectTo(String normalizedTarget) {
        var chain = new java.util.ArrayList<>(redirectChain);
        chain.add(url);
        return new CrawlUrl(normalizedTarget, UrlNormalizer.hostKey(normalizedTarget), depth, chain, 0);
    }

    /** This URL, to be tried once more. */
    public CrawlUrl nextAttempt() {
        return new CrawlUrl(url, host, depth, redirectChain, attempt + 1);
    }

    /** This URL reached at another depth (a shorter path to it was found). */
    public CrawlUrl atDepth(int newDepth) {
        return new CrawlUrl(url, host, newDepth, redirectChain, attempt);
    }

    /** How many redirects led here. */
    public int redirects() {
        return redirectChain.size();
    }
}
