package dev.trawl.frontier;

import crawlercommons.domains.EffectiveTldFinder;
import dev.trawl.config.CrawlConfig;
import dev.trawl.config.ScopeKind;
import java.net.URI;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether a normalized URL belongs to the crawl: first the scope relative to the seeds
 * (same host, same registered domain, or any), then the exclude patterns (any match rejects), then the
 * include patterns (if there are any, one must match). Immutable and thread-safe.
 */
public final class Scope {
    private final ScopeKind kind;
    private final Set<String> seedHosts = new HashSet<>();
    private final Set<String> seedDomains = new HashSet<>();
    private final List<Pattern> include;
    private final List<Pattern> exclude;

    /** A scope around {@code seeds} (normalized URLs). */
    public Scope(CrawlConfig.Scope config, Collection<String> seeds) {
        this.kind = config.kind();
        this.include = config.include();
        this.exclude = config.exclude();
        for (String seed : seeds) {
            seedHosts.add(UrlNormalizer.hostKey(seed));
            seedDomains.add(domainOf(seed));
        }
    }

    /**
     * Whether a found URL belongs to the crawl, before the seen-set and the budget are asked:
     * {@link Admission#TOO_DEEP} past {@code maxDepth}, {@link Admission#OUT_OF_SCOPE} outside the scope,
     * else {@link Admission#ADMITTED}. The in-process frontier and a processes-mode child both ask here.
     * A seed itself (depth 0, not reached by a redirect) is always admitted: the user asked for it, and the
     * include/exclude rules are for what it leads to (see {@link #allows} to warn about one).
     */
    public Admission admits(CrawlUrl url, int maxDepth) {
        if (isSeed(url)) {
            return Admission.ADMITTED;
        }
        if (url.depth() > maxDepth) {
            return Admission.TOO_DEEP;
        }
        return allows(url.url()) ? Admission.ADMITTED : Admission.OUT_OF_SCOPE;
    }

    private static boolean isSeed(CrawlUrl url) {
        return url.depth() == 0 && url.redirects() == 0;
    }

    /**
     * Whether {@code url} may be admitted: a seed always (see {@link #admits}), anything else if
     * {@link #allows(String)} takes it in.
     */
    public boolean allows(CrawlUrl url) {
        return isSeed(url) || allows(url.url());
    }

    /** Whether the scope and the include/exclude rules take in {@code normalizedUrl}. */
    public boolean allows(String normalizedUrl) {
        boolean inScope = switch (kind) {
            case HOST -> seedHosts.contains(UrlNormalizer.hostKey(normalizedUrl));
            case DOMAIN -> seedDomains.contains(domainOf(normalizedUrl));
            case ANY -> true;
        };
        if (!inScope) {
            return false;
        }
        for (Pattern pattern : exclude) {
            if (pattern.matcher(normalizedUrl).find()) {
                return false;
            }
        }
        if (include.isEmpty()) {
            return true;
        }
        for (Pattern pattern : include) {
            if (pattern.matcher(normalizedUrl).find()) {
                return true;
            }
        }
        return false;
    }

    private static String domainOf(String normalizedUrl) {
        String host = URI.create(normalizedUrl).getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") || Character.isDigit(host.charAt(host.length() - 1))) {
            return host; // an IP address is its own domain
        }
        String assigned = EffectiveTldFinder.getAssignedDomain(host, true, false);
        return assigned == null ? host : assigned;
    }
}
