package dev.trawl.cli;

import dev.trawl.config.ConfigOverride;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Every crawl knob as a command-line flag. Each defaults to null, meaning "not given": only given flags
 * become {@link ConfigOverride}s, layered over the config file and the built-in defaults by the loader,
 * which also parses and validates them (so a bad value is reported once, the same way, for a flag or a
 * file key).
 */
final class CrawlOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config file (see config/default.yaml).")
    Path config;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "Output file, repeatable; its extension picks the format: .jsonl, .csv, .warc.gz, .warc (uncompressed), .sqlite; - is JSONL on standard output. (default: ${bundle:output.out})")
    List<String> out;

    @Option(names = "--overwrite", negatable = true, description = "Replace output files that exist (default: refuse).")
    Boolean overwrite;

    @Option(names = "--csv-formula-guard", negatable = true,
            description = "Prefix CSV cells starting with = + - @ with ' so spreadsheets do not run them (default: true).")
    Boolean csvFormulaGuard;

    @Option(names = "--warc-max-size", paramLabel = "SIZE", description = "Start a new WARC file past this size, e.g. 1GiB. (default: ${bundle:output.warc-max-size})")
    String warcMaxSize;

    @Option(names = "--field", paramLabel = "NAME=SELECTOR",
            description = "An extraction field (repeatable; replaces the config's extract.fields): title=h1, "
                    + "next=a[rel=next]@abs:href (an attribute, absolute), img=img@src, body=main@html, tags[]=.tag (every match). (default: ${bundle:extract.fields})")
    List<String> fields;

    @Option(names = "--max-pages", paramLabel = "N", description = "Most URLs to fetch. (default: ${bundle:limits.max-pages})")
    String maxPages;

    @Option(names = "--max-depth", paramLabel = "N", description = "Most link hops from a seed. (default: ${bundle:limits.max-depth})")
    String maxDepth;

    @Option(names = "--delay", paramLabel = "DURATION",
            description = "Least gap between requests to one host (after the previous one's start and its end), e.g. 0, 250ms, 1.5s. robots.txt Crawl-delay raises it. (default: ${bundle:politeness.delay})")
    String delay;

    @Option(names = "--per-host", paramLabel = "N", description = "Most requests in flight to one host. (default: ${bundle:politeness.per-host})")
    String perHost;

    @Option(names = "--scope", paramLabel = "KIND", description = "Which links to follow: host, domain or any. (default: ${bundle:scope.kind})")
    String scope;

    @Option(names = "--include", paramLabel = "REGEX", description = "Follow only URLs matching one of these (repeatable). (default: ${bundle:scope.include})")
    List<String> include;

    @Option(names = "--exclude", paramLabel = "REGEX", description = "Never follow URLs matching any of these (repeatable). (default: ${bundle:scope.exclude})")
    List<String> exclude;

    @Option(names = "--mode", paramLabel = "MODE", description = "Scheduling: threads, async, virtual or processes. (default: ${bundle:concurrency.mode})")
    String mode;

    @Option(names = "--producers", paramLabel = "N", description = "Fetching threads (threads mode). (default: ${bundle:concurrency.producers})")
    String producers;

    @Option(names = "--consumers", paramLabel = "N", description = "Threads that extract and write records. (default: ${bundle:concurrency.consumers})")
    String consumers;

    @Option(names = "--queue-capacity", paramLabel = "N", description = "Parsed pages waiting for a consumer, at most. (default: ${bundle:concurrency.queue-capacity})")
    String queueCapacity;

    @Option(names = "--max-in-flight", paramLabel = "N", description = "Requests in flight across all hosts, at most. (default: ${bundle:concurrency.max-in-flight})")
    String maxInFlight;

    @Option(names = "--async-client", paramLabel = "CLIENT",
            description = "HTTP client of async mode: reactor (non-blocking, a few I/O threads) or okhttp. (default: ${bundle:concurrency.async-client})")
    String asyncClient;

    @Option(names = "--workers", paramLabel = "K", description = "Child processes (processes mode). (default: ${bundle:concurrency.workers})")
    String workers;

    @Option(names = "--worker-mode", paramLabel = "MODE", description = "Mode inside each child (processes mode). (default: ${bundle:concurrency.worker-mode})")
    String workerMode;

    @Option(names = "--worker-jvm-options", paramLabel = "OPTIONS",
            description = "Child JVM options (processes mode), space-separated, after those a child takes from its parent (the launcher's), which they override, e.g. '-Xmx512m'. (default: ${bundle:concurrency.worker-jvm-options})")
    String workerJvmOptions;

    @Option(names = {"-A", "--user-agent"}, paramLabel = "TEXT", description = "User-Agent header; its first word is the robots.txt token. (default: ${bundle:fetch.user-agent})")
    String userAgent;

    @Option(names = "--robots", negatable = true, description = "Obey robots.txt (default: true; --no-robots only for sites you own).")
    Boolean robots;

    @Option(names = "--sitemaps", negatable = true, description = "Read the sitemaps of seed hosts (robots.txt Sitemap: lines, /sitemap.xml) and crawl the pages they list at depth 1 (default: ${bundle:politeness.sitemaps}).")
    Boolean sitemaps;

    @Option(names = "--max-sitemap-urls", paramLabel = "N", description = "Pages taken from one host's sitemaps, at most. (default: ${bundle:politeness.max-sitemap-urls})")
    String maxSitemapUrls;

    @Option(names = "--adaptive", negatable = true, description = "Widen a host's gap when it answers 429/503 or slows down, and recover slowly (default: ${bundle:politeness.adaptive}).")
    Boolean adaptive;

    @Option(names = "--backoff-step", paramLabel = "DURATION", description = "Extra gap after a host's first 429/503 without Retry-After; doubled by each further one. (default: ${bundle:politeness.backoff-step})")
    String backoffStep;

    @Option(names = "--max-backoff", paramLabel = "DURATION", description = "Largest extra gap adaptive politeness adds, and longest Retry-After pause kept. (default: ${bundle:politeness.max-backoff})")
    String maxBackoff;

    @Option(names = "--slow-factor", paramLabel = "N", description = "A host is slowing down when its response time passes N times its baseline. (default: ${bundle:politeness.slow-factor})")
    String slowFactor;

    @Option(names = "--recover-after", paramLabel = "N", description = "Healthy responses in a row that halve a host's extra gap. (default: ${bundle:politeness.recover-after})")
    String recoverAfter;

    @Option(names = "--max-query-variants", paramLabel = "N", description = "Trap defence: query variants fetched per path. (default: ${bundle:traps.max-query-variants})")
    String maxQueryVariants;

    @Option(names = "--max-path-repetition", paramLabel = "N", description = "Trap defence: times one path segment may repeat. (default: ${bundle:traps.max-path-repetition})")
    String maxPathRepetition;

    @Option(names = "--max-url-length", paramLabel = "N", description = "Trap defence: longest URL fetched, in characters. (default: ${bundle:traps.max-url-length})")
    String maxUrlLength;

    @Option(names = "--max-path-depth", paramLabel = "N", description = "Trap defence: most path segments. (default: ${bundle:traps.max-path-depth})")
    String maxPathDepth;

    @Option(names = "--max-pages-per-host", paramLabel = "N", description = "Trap defence: pages fetched from one host, at most. (default: ${bundle:traps.max-pages-per-host})")
    String maxPagesPerHost;

    @Option(names = "--session-param", paramLabel = "NAME", description = "Query or path parameter (;jsessionid=) stripped from every URL (repeatable; replaces the list). (default: ${bundle:traps.session-params})")
    List<String> sessionParams;

    @Option(names = "--sort-query", negatable = true, description = "Sort query parameters, so one page linked with them in another order is fetched once (default: ${bundle:traps.sort-query}).")
    Boolean sortQuery;

    @Option(names = "--robots-cache", paramLabel = "SPEC", description = "Caffeine spec of the robots.txt cache, e.g. maximumSize=10000,expireAfterWrite=6h. (default: ${bundle:politeness.robots-cache})")
    String robotsCache;

    @Option(names = "--robots-error-retry", paramLabel = "DURATION", description = "Wait before asking again for an unreachable robots.txt. (default: ${bundle:politeness.robots-error-retry})")
    String robotsErrorRetry;

    @Option(names = "--max-crawl-delay", paramLabel = "DURATION", description = "Cap on a robots.txt Crawl-delay. (default: ${bundle:politeness.max-crawl-delay})")
    String maxCrawlDelay;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", description = "TCP/TLS connect timeout. (default: ${bundle:fetch.connect-timeout})")
    String connectTimeout;

    @Option(names = "--read-timeout", paramLabel = "DURATION", description = "Longest silence while reading a response. (default: ${bundle:fetch.read-timeout})")
    String readTimeout;

    @Option(names = "--call-timeout", paramLabel = "DURATION", description = "Deadline of one fetch: connect, headers and body together. (default: ${bundle:fetch.call-timeout})")
    String callTimeout;

    @Option(names = "--max-body", paramLabel = "SIZE", description = "Body cap after decompression, e.g. 10MiB. (default: ${bundle:fetch.max-body})")
    String maxBody;

    @Option(names = "--max-redirects", paramLabel = "N", description = "Redirect hops to follow from one URL. (default: ${bundle:fetch.max-redirects})")
    String maxRedirects;

    @Option(names = "--retries", paramLabel = "N", description = "Retries after an I/O error, 429 or 5xx. (default: ${bundle:fetch.retries})")
    String retries;

    @Option(names = "--retry-backoff", paramLabel = "DURATION", description = "Base of the exponential retry backoff. (default: ${bundle:fetch.retry-backoff})")
    String retryBackoff;

    @Option(names = "--max-retry-after", paramLabel = "DURATION", description = "Longest Retry-After to wait for; longer gives up. (default: ${bundle:fetch.max-retry-after})")
    String maxRetryAfter;

    @Option(names = "--resolve", paramLabel = "NAME=ADDRESS",
            description = "Resolve NAME (or *.DOMAIN) to ADDRESS without DNS, e.g. '*.sim.test=127.0.0.1' (repeatable). (default: ${bundle:fetch.resolve})")
    List<String> resolve;

    @Option(names = "--allow-private", negatable = true,
            description = "Connect to loopback/private/link-local addresses too (default: only those a seed is on).")
    Boolean allowPrivate;

    @Option(names = "--progress", paramLabel = "WHEN", description = "Progress display: auto, on or off. (default: ${bundle:output.progress})")
    String progress;

    /** The flags given, as overrides named by their flag. */
    List<ConfigOverride> overrides() {
        List<ConfigOverride> list = new ArrayList<>();
        if (out != null) {
            list.add(new ConfigOverride("output.out", out, "--out"));
        }
        add(list, "output.overwrite", "--overwrite", overwrite == null ? null : overwrite.toString());
        add(list, "output.csv-formula-guard", "--csv-formula-guard",
                csvFormulaGuard == null ? null : csvFormulaGuard.toString());
        add(list, "output.warc-max-size", "--warc-max-size", warcMaxSize);
        if (fields != null) {
            list.add(new ConfigOverride("extract.fields", fields, "--field"));
        }
        add(list, "limits.max-pages", "--max-pages", maxPages);
        add(list, "limits.max-depth", "--max-depth", maxDepth);
        add(list, "politeness.delay", "--delay", delay);
        add(list, "politeness.per-host", "--per-host", perHost);
        add(list, "politeness.robots", "--robots", robots == null ? null : robots.toString());
        add(list, "politeness.sitemaps", "--sitemaps", sitemaps == null ? null : sitemaps.toString());
        add(list, "politeness.max-sitemap-urls", "--max-sitemap-urls", maxSitemapUrls);
        add(list, "politeness.adaptive", "--adaptive", adaptive == null ? null : adaptive.toString());
        add(list, "politeness.backoff-step", "--backoff-step", backoffStep);
        add(list, "politeness.max-backoff", "--max-backoff", maxBackoff);
        add(list, "politeness.slow-factor", "--slow-factor", slowFactor);
        add(list, "politeness.recover-after", "--recover-after", recoverAfter);
        add(list, "traps.max-query-variants", "--max-query-variants", maxQueryVariants);
        add(list, "traps.max-path-repetition", "--max-path-repetition", maxPathRepetition);
        add(list, "traps.max-url-length", "--max-url-length", maxUrlLength);
        add(list, "traps.max-path-depth", "--max-path-depth", maxPathDepth);
        add(list, "traps.max-pages-per-host", "--max-pages-per-host", maxPagesPerHost);
        if (sessionParams != null) {
            list.add(new ConfigOverride("traps.session-params", sessionParams, "--session-param"));
        }
        add(list, "traps.sort-query", "--sort-query", sortQuery == null ? null : sortQuery.toString());
        add(list, "politeness.robots-cache", "--robots-cache", robotsCache);
        add(list, "politeness.robots-error-retry", "--robots-error-retry", robotsErrorRetry);
        add(list, "politeness.max-crawl-delay", "--max-crawl-delay", maxCrawlDelay);
        add(list, "scope.kind", "--scope", scope);
        if (include != null) {
            list.add(new ConfigOverride("scope.include", include, "--include"));
        }
        if (exclude != null) {
            list.add(new ConfigOverride("scope.exclude", exclude, "--exclude"));
        }
        add(list, "concurrency.mode", "--mode", mode);
        add(list, "concurrency.producers", "--producers", producers);
        add(list, "concurrency.consumers", "--consumers", consumers);
        add(list, "concurrency.queue-capacity", "--queue-capacity", queueCapacity);
        add(list, "concurrency.max-in-flight", "--max-in-flight", maxInFlight);
        add(list, "concurrency.async-client", "--async-client", asyncClient);
        add(list, "concurrency.workers", "--workers", workers);
        add(list, "concurrency.worker-mode", "--worker-mode", workerMode);
        if (workerJvmOptions != null) {
            String options = workerJvmOptions.strip();
            list.add(new ConfigOverride("concurrency.worker-jvm-options",
                    options.isEmpty() ? List.of() : List.of(options.split("\\s+")), "--worker-jvm-options"));
        }
        add(list, "fetch.user-agent", "--user-agent", userAgent);
        add(list, "fetch.connect-timeout", "--connect-timeout", connectTimeout);
        add(list, "fetch.read-timeout", "--read-timeout", readTimeout);
        add(list, "fetch.call-timeout", "--call-timeout", callTimeout);
        add(list, "fetch.max-body", "--max-body", maxBody);
        add(list, "fetch.max-redirects", "--max-redirects", maxRedirects);
        add(list, "fetch.retries", "--retries", retries);
        add(list, "fetch.retry-backoff", "--retry-backoff", retryBackoff);
        add(list, "fetch.max-retry-after", "--max-retry-after", maxRetryAfter);
        if (resolve != null) {
            list.add(new ConfigOverride("fetch.resolve", resolve, "--resolve"));
        }
        add(list, "fetch.allow-private", "--allow-private", allowPrivate == null ? null : allowPrivate.toString());
        add(list, "output.progress", "--progress", progress);
        return list;
    }

    Optional<Path> configFile() {
        return Optional.ofNullable(config);
    }

    /** Adds {@code flag}'s {@code value} as an override of {@code key}, if the flag was given. */
    static void add(List<ConfigOverride> list, String key, String flag, String value) {
        if (value != null) {
            list.add(new ConfigOverride(key, List.of(value), flag));
        }
    }
}
