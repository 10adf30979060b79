package dev.trawl.frontier;

import dev.trawl.config.CrawlConfig;
import dev.trawl.fetch.FailureKind;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a URL about to be fetched has walked into a crawler trap, by the limits of
 * {@link CrawlConfig.Traps}: its length, its path's depth and repetition, the distinct queries already
 * fetched on its path, and the pages already fetched from its host. Seeds are exempt. Pure: it answers with a
 * {@link Stop} value and keeps only the counts it needs; the frontier acts on the answer. The counts are
 * part of the {@link CrawlState} (which can take a URL's count back, and writes them in a snapshot).
 *
 * <p>Not thread-safe: its crawl state calls it under its lock. Memory: one entry per host and per (host,
 * path) with a query, each holding at most {@code maxQueryVariants} query strings.
 */
final class TrapGuard {
    /** The longest run of segments checked for back-to-back repetition. */
    private static final int MAX_RUN = 3;

    private final CrawlConfig.Traps limits;
    private final Map<String, Long> pagesPerHost = new HashMap<>();
    private final Map<String, Set<String>> queriesPerPath = new HashMap<>();

    /**
     * A trap limit reached.
     *
     * @param kind the limit, as records name it ({@code trap_query_variants}, …)
     * @param reason what was seen and which key sets the limit
     */
    record Stop(FailureKind kind, String reason) {}

    TrapGuard(CrawlConfig.Traps limits) {
        this.limits = limits;
    }

    /**
     * Whether {@code url} may be fetched; if so it is counted against its host and path. A URL refused
     * is not counted, so a trap's other URLs keep being refused rather than crowding out real pages.
     */
    Optional<Stop> check(CrawlUrl url) {
        if (url.depth() == 0 && url.redirects() == 0) {
            count(url);
            return Optional.empty();
        }
        String u = url.url();
        if (u.length() > limits.maxUrlLength()) {
            return stop(FailureKind.TRAP_URL_LENGTH, "URL of " + u.length() + " characters is longer than "
                    + "traps.max-url-length " + limits.maxUrlLength());
        }
        String[] segments = segments(path(u));
        if (segments.length > limits.maxPathDepth()) {
            return stop(FailureKind.TRAP_PATH_DEPTH, "path of " + segments.length + " segments is deeper than "
                    + "traps.max-path-depth " + limits.maxPathDepth());
        }
        Optional<String> repeated = repetition(segments, limits.maxPathRepetition());
        if (repeated.isPresent()) {
            return stop(FailureKind.TRAP_PATH_REPETITION, "path repeats '" + repeated.get() + "' more than "
                    + "traps.max-path-repetition " + limits.maxPathRepetition() + " times");
        }
        if (pagesPerHost.getOrDefault(url.host(), 0L) >= limits.maxPagesPerHost()) {
            return stop(FailureKind.TRAP_PAGES_PER_HOST, url.host() + " already gave "
                    + "traps.max-pages-per-host " + limits.maxPagesPerHost() + " pages");
        }
        int question = u.indexOf('?');
        if (question >= 0) {
            Set<String> seen = queriesPerPath.get(u.substring(0, question));
            String query = u.substring(question + 1);
            if (seen != null && seen.size() >= limits.maxQueryVariants() && !seen.contains(query)) {
                return stop(FailureKind.TRAP_QUERY_VARIANTS, "path " + u.substring(0, question) + " already had "
                        + "traps.max-query-variants " + limits.maxQueryVariants() + " distinct queries");
            }
        }
        count(url);
        return Optional.empty();
    }

    private void count(CrawlUrl url) {
        count(url.url(), url.host());
    }

    /** Counts {@code url} (on {@code host}) as fetched, without checking it. */
    void count(String url, String host) {
        pagesPerHost.merge(host, 1L, Long::sum);
        int question = url.indexOf('?');
        if (question >= 0) {
            Set<String> seen = queriesPerPath.computeIfAbsent(url.substring(0, question), p -> new HashSet<>());
            if (seen.size() < limits.maxQueryVariants()) {
                seen.add(url.substring(question + 1));
            }
        }
    }

    /**
     * Takes back the count of {@code url} (on {@code host}), counted before and not fetched after all. A URL's
     * query is its own (the same path and query is the same URL, counted once), so removing it is exact.
     */
    void uncount(String url, String host) {
        pagesPerHost.computeIfPresent(host, (h, n) -> n > 1 ? n - 1 : null);
        int question = url.indexOf('?');
        if (question >= 0) {
            String path = url.substring(0, question);
            Set<String> seen = queriesPerPath.get(path);
            if (seen != null && seen.remove(url.substring(question + 1)) && seen.isEmpty()) {
                queriesPerPath.remove(path);
            }
        }
    }

    /** Writes the counts, for {@link #readFrom}. */
    void writeTo(java.io.DataOutputStream out) throws java.io.IOException {
        out.writeInt(pagesPerHost.size());
        for (Map.Entry<String, Long> host : pagesPerHost.entrySet()) {
            CrawlState.writeString(out, host.getKey());
            out.writeLong(host.getValue());
        }
        out.writeInt(queriesPerPath.size());
        for (Map.Entry<String, Set<String>> path : queriesPerPath.entrySet()) {
            CrawlState.writeString(out, path.getKey());
            out.writeInt(path.getValue().size());
            for (String query : path.getValue()) {
                CrawlState.writeString(out, query);
            }
        }
    }

    /** Adds the counts {@link #writeTo} wrote. */
    void readFrom(java.io.DataInputStream in) throws java.io.IOException {
        int hosts = in.readInt();
        for (int i = 0; i < hosts; i++) {
            pagesPerHost.put(CrawlState.readString(in), in.readLong());
        }
        int paths = in.readInt();
        for (int i = 0; i < paths; i++) {
            String path = CrawlState.readString(in);
            int queries = in.readInt();
            Set<String> seen = new HashSet<>();
            for (int j = 0; j < queries; j++) {
                seen.add(CrawlState.readString(in));
            }
            queriesPerPath.put(path, seen);
        }
    }

    private static Optional<Stop> stop(FailureKind kind, String reason) {
        return Optional.of(new Stop(kind, reason));
    }

    /** The path of a normalized URL, without its query. */
    private static String path(String url) {
        int start = UrlNormalizer.pathStart(url);
        if (start < 0) {
            return "/";
        }
        int end = url.indexOf('?', start);
        return end < 0 ? url.substring(start) : url.substring(start, end);
    }

    private static String[] segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/"); // a trailing '/' adds no segment
    }

    /**
     * The first run of one to {@link #MAX_RUN} segments that appears more than {@code max} times back to
     * back, joined with '/', if any.
     */
    static Optional<String> repetition(String[] segments, int max) {
        for (int run = 1; run <= MAX_RUN; run++) {
            for (int start = 0; start + run * (max + 1) <= segments.length; start++) {
                int times = 1;
                while (start + run * (times + 1) <= segments.length && sameRun(segments, start, start + run * times, run)) {
                    times++;
                }
                if (times > max) {
                    return Optional.of(String.join("/", java.util.Arrays.copyOfRange(segments, start, start + run)));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean sameRun(String[] segments, int a, int b, int length) {
        for (int i = 0; i < length; i++) {
            if (!segments[a + i].equals(segments[b + i])) {
                return false;
            }
        }
        return true;
    }
}
