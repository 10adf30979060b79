package dev.trawl.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything a crawl is told, immutable. Built once by {@link ConfigLoader} from built-in defaults,
 * then a YAML file, then command-line flags. Each stage receives only its own slice.
 *
 * <p>Compact constructors validate, so an instance is always usable; messages name the key the user
 * wrote (kebab-case, as in {@code config/default.yaml}).
 */
public record CrawlConfig(
        Fetch fetch, Politeness politeness, Limits limits, Scope scope, Concurrency concurrency, Output output,
        Extract extract) {

    public CrawlConfig {
        Objects.requireNonNull(fetch, "fetch");
        Objects.requireNonNull(politeness, "politeness");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(concurrency, "concurrency");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(extract, "extract");
    }

    public static final String DEFAULT_USER_AGENT =
            "trawl/0.1 (+https://github.com/trawl-dev/trawl; a polite crawler; honours robots.txt)";

    /** The built-in defaults: polite enough to point at somebody else's site. */
    public static CrawlConfig defaults() {
        return new CrawlConfig(
                new Fetch(DEFAULT_USER_AGENT, Duration.ofSeconds(10), Duration.ofSeconds(30),
                        Duration.ofSeconds(30), 10L * 1024 * 1024, 5, 2, Duration.ofMillis(500),
                        Duration.ofSeconds(60), List.of(), false),
                new Politeness(Duration.ofSeconds(1), 2, true, "maximumSize=10000,expireAfterWrite=6h",
                        Duration.ofMinutes(1), Duration.ofSeconds(30), true, Politeness.DEFAULT_MAX_SITEMAP_URLS,
                        Adaptive.DEFAULTS),
                new Limits(10_000, 5),
                new Scope(ScopeKind.HOST, List.of(), List.of()),
                new Concurrency(Mode.THREADS, 8, 2, 32, 2, Mode.THREADS, 256, Concurrency.DEFAULT_WORKER_JVM_OPTIONS,
                        AsyncClient.REACTOR),
                new Output(List.of(Path.of("crawl.jsonl")), ProgressMode.AUTO, false, true, Output.DEFAULT_WARC_MAX_SIZE),
                new Extract(List.of()));
    }

    /** How one URL is fetched. */
    public record Fetch(
            String userAgent,
            Duration connectTimeout,
            Duration readTimeout,
            Duration callTimeout,
            long maxBodyBytes,
            int maxRedirects,
            int retries,
            Duration retryBackoff,
            Duration maxRetryAfter,
            List<ResolveRule> resolve,
            boolean allowPrivate) {
        /** Public addresses only, as by default ({@code fetch.allow-private: false}). */
        public Fetch(String userAgent, Duration connectTimeout, Duration readTimeout, Duration callTimeout,
                long maxBodyBytes, int maxRedirects, int retries, Duration retryBackoff, Duration maxRetryAfter,
                List<ResolveRule> resolve) {
            this(userAgent, connectTimeout, readTimeout, callTimeout, maxBodyBytes, maxRedirects, retries,
                    retryBackoff, maxRetryAfter, resolve, false);
        }

        public Fetch {
            resolve = List.copyOf(Objects.requireNonNull(resolve, "fetch.resolve"));
            requireText(userAgent, "fetch.user-agent");
            requirePositive(connectTimeout, "fetch.connect-timeout");
            requirePositive(readTimeout, "fetch.read-timeout");
            requirePositive(callTimeout, "fetch.call-timeout");
            if (maxBodyBytes < 1) {
                throw new IllegalArgumentException("fetch.max-body must be at least 1 byte: " + maxBodyBytes);
            }
            requireAtLeast(maxRedirects, 0, "fetch.max-redirects");
            requireAtLeast(retries, 0, "fetch.retries");
            requireNotNegative(retryBackoff, "fetch.retry-backoff");
            requireNotNegative(maxRetryAfter, "fetch.max-retry-after");
        }
    }

    /**
     * How gently each host is treated, and what is read from it besides pages: robots.txt and, for seed
     * hosts, sitemaps.
     *
     * @param sitemaps whether the sitemaps of each seed host (robots.txt {@code Sitemap:} lines and
     *     {@code /sitemap.xml}) are read and the URLs they list offered like links
     * @param maxSitemapUrls the most page URLs taken from one host's sitemaps, all of them together
     * @param adaptive how a host that answers 429/503 or slows down is given wider gaps
     */
    public record Politeness(
            Duration delay,
            int perHost,
            boolean robots,
            String robotsCache,
            Duration robotsErrorRetry,
            Duration maxCrawlDelay,
            boolean sitemaps,
            int maxSitemapUrls,
            Adaptive adaptive) {
        public static final int DEFAULT_MAX_SITEMAP_URLS = 10_000;

        public Politeness {
            Objects.requireNonNull(adaptive, "adaptive");
            requireAtLeast(maxSitemapUrls, 0, "politeness.max-sitemap-urls");
            requireNotNegative(delay, "politeness.delay");
            requireAtLeast(perHost, 1, "politeness.per-host");
            requireText(robotsCache, "politeness.robots-cache");
            requireNotNegative(robotsErrorRetry, "politeness.robots-error-retry");
            requireNotNegative(maxCrawlDelay, "politeness.max-crawl-delay");
        }
    }

    /**
     * Adaptive politeness: a host that answers 429 or 503, or whose response times rise, gets an extra gap on
     * top of {@code politeness.delay} and its Crawl-delay, and gets it back slowly.
     *
     * @param enabled whether hosts are slowed at all
     * @param step the first extra gap without a Retry-After; each further 429/503 (or slow spell) doubles it
     * @param maxBackoff the largest extra gap, Retry-After included
     * @param slowFactor a host is slow when its recent response time exceeds this multiple of its baseline
     * @param recoverAfter healthy responses in a row after which the extra gap halves
     */
    public record Adaptive(boolean enabled, Duration step, Duration maxBackoff, int slowFactor, int recoverAfter) {
        public static final Adaptive DEFAULTS =
                new Adaptive(true, Duration.ofSeconds(1), Duration.ofSeconds(60), 4, 10);

        public Adaptive {
            requirePositive(step, "politeness.backoff-step");
            requireNotNegative(maxBackoff, "politeness.max-backoff");
            requireAtLeast(slowFactor, 2, "politeness.slow-factor");
            requireAtLeast(recoverAfter, 1, "politeness.recover-after");
        }
    }

    /** How much to crawl. */
    public record Limits(long maxPages, int maxDepth, Traps traps) {
        /** The default trap defences. */
        public Limits(long maxPages, int maxDepth) {
            this(maxPages, maxDepth, Traps.DEFAULTS);
        }

        public Limits {
            Objects.requireNonNull(traps, "traps");
            if (maxPages < 1) {
                throw new IllegalArgumentException("limits.max-pages must be at least 1: " + maxPages);
            }
            requireAtLeast(maxDepth, 0, "limits.max-depth");
            if (maxDepth > 65_000) {
                throw new IllegalArgumentException("limits.max-depth must be at most 65000: " + maxDepth);
            }
        }
    }

    /**
     * Defences against crawler traps: spaces of URLs without end (calendars, faceted navigation, session ids
     * in links, paths that repeat) that the depth limit does not stop because their pages are shallow. A URL
     * found past one of these limits is not fetched; its record names the limit ({@code trap_*}). Seeds are
     * exempt.
     *
     * @param maxQueryVariants distinct query strings fetched per host and path
     * @param maxPathRepetition times a run of one to three path segments may repeat back to back
     *     ({@code /a/b/a/b/a/b} repeats {@code a/b} three times)
     * @param maxUrlLength characters in a URL
     * @param maxPathDepth segments in a path
     * @param maxPagesPerHost URLs fetched from one host (host and port)
     * @param sessionParams parameters stripped from every URL (session ids, tracking tags), ignoring case: from the
     *     query, and from the path ({@code /a;jsessionid=1F?x=1} becomes {@code /a?x=1})
     * @param sortQuery whether query parameters are sorted, so one page linked with them in another order is
     *     fetched once
     */
    public record Traps(int maxQueryVariants, int maxPathRepetition, int maxUrlLength, int maxPathDepth,
            long maxPagesPerHost, List<String> sessionParams, boolean sortQuery) {
        /** Session-id and tracking parameters that never change what a page shows. */
        public static final List<String> DEFAULT_SESSION_PARAMS = List.of("jsessionid", "phpsessid", "aspsessionid",
                "sid", "sessionid", "session_id", "cfid", "cftoken", "utm_source", "utm_medium", "utm_campaign",
                "utm_term", "utm_content", "gclid", "fbclid", "msclkid");
        public static final Traps DEFAULTS = new Traps(50, 2, 2048, 32, 100_000, DEFAULT_SESSION_PARAMS, true);

        public Traps {
            requireAtLeast(maxQueryVariants, 1, "traps.max-query-variants");
            requireAtLeast(maxPathRepetition, 1, "traps.max-path-repetition");
            requireAtLeast(maxUrlLength, 16, "traps.max-url-length");
            requireAtLeast(maxPathDepth, 1, "traps.max-path-depth");
            if (maxPagesPerHost < 1) {
                throw new IllegalArgumentException("traps.max-pages-per-host must be at least 1: " + maxPagesPerHost);
            }
            sessionParams = List.copyOf(Objects.requireNonNull(sessionParams, "traps.session-params"));
        }
    }

    /** Which URLs may be followed: a scope relative to the seeds, then include and exclude patterns. */
    public record Scope(ScopeKind kind, List<Pattern> include, List<Pattern> exclude) {
        public Scope {
            Objects.requireNonNull(kind, "scope.kind");
            include = List.copyOf(include);
            exclude = List.copyOf(exclude);
        }
    }

    /**
     * How the pipeline is scheduled and sized.
     *
     * @param workerJvmOptions options for each child JVM (processes mode) after those it takes from its parent
     *     (the launcher's), e.g. {@code -Xmx512m}
     * @param asyncClient the HTTP client of async mode (also in a processes child whose worker mode is async)
     */
    public record Concurrency(
            Mode mode, int producers, int consumers, int queueCapacity, int workers, Mode workerMode, int maxInFlight,
            List<String> workerJvmOptions, AsyncClient asyncClient) {
        /**
         * None: a child is started with its parent's options (the launcher's heap, GC, compiler and stack, see
         * {@code dev.trawl.launch.TrawlJvm}), which suit it as they suit the parent, and are chosen in one place.
         */
        public static final List<String> DEFAULT_WORKER_JVM_OPTIONS = List.of();

        /** The default child JVM options. */
        public Concurrency(
                Mode mode, int producers, int consumers, int queueCapacity, int workers, Mode workerMode, int maxInFlight) {
            this(mode, producers, consumers, queueCapacity, workers, workerMode, maxInFlight, DEFAULT_WORKER_JVM_OPTIONS,
                    AsyncClient.REACTOR);
        }

        /** The default async client. */
        public Concurrency(
                Mode mode, int producers, int consumers, int queueCapacity, int workers, Mode workerMode, int maxInFlight,
                List<String> workerJvmOptions) {
            this(mode, producers, consumers, queueCapacity, workers, workerMode, maxInFlight, workerJvmOptions,
                    AsyncClient.REACTOR);
        }

        public Concurrency {
            workerJvmOptions = List.copyOf(Objects.requireNonNull(workerJvmOptions, "concurrency.worker-jvm-options"));
            Objects.requireNonNull(mode, "concurrency.mode");
            Objects.requireNonNull(workerMode, "concurrency.worker-mode");
            Objects.requireNonNull(asyncClient, "concurrency.async-client");
            requireAtLeast(producers, 1, "concurrency.producers");
            requireAtLeast(consumers, 1, "concurrency.consumers");
            requireAtLeast(queueCapacity, 1, "concurrency.queue-capacity");
            requireAtLeast(workers, 1, "concurrency.workers");
            requireAtLeast(maxInFlight, 1, "concurrency.max-in-flight");
            if (workerMode == Mode.PROCESSES) {
                throw new IllegalArgumentException(
                        "concurrency.worker-mode must be threads, async or virtual, not processes");
            }
        }
    }

    /**
     * Where records go and what the terminal shows.
     *
     * @param outs the output files, each in the format its extension names ({@link OutputFormat}); {@code -}
     *     is JSONL on standard output
     * @param overwrite whether an existing output file may be replaced
     * @param csvFormulaGuard whether CSV cells starting with {@code = + - @} are prefixed with {@code '}
     * @param warcMaxSize a WARC file is closed and the next one begun past this many bytes
     */
    public record Output(List<Path> outs, ProgressMode progress, boolean overwrite, boolean csvFormulaGuard,
            long warcMaxSize) {
        public static final long DEFAULT_WARC_MAX_SIZE = 1L << 30;

        public Output {
            outs = List.copyOf(Objects.requireNonNull(outs, "output.out"));
            Objects.requireNonNull(progress, "output.progress");
            if (outs.isEmpty()) {
                throw new IllegalArgumentException("output.out must name at least one file (or - for standard output)");
            }
            for (Path out : outs) {
                try {
                    OutputFormat.of(out);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("output.out " + e.getMessage(), e);
                }
            }
            if (outs.stream().filter(OutputFormat::isStandardOutput).count() > 1) {
                throw new IllegalArgumentException("output.out names standard output (-) more than once");
            }
            if (outs.stream().map(p -> p.toAbsolutePath().normalize()).distinct().count() < outs.size()) {
                throw new IllegalArgumentException("output.out names the same file twice: " + outs);
            }
            if (warcMaxSize < 1024 * 1024) {
                throw new IllegalArgumentException("output.warc-max-size must be at least 1MiB: " + warcMaxSize);
            }
        }

        /** Whether an output is a WARC, so the fetcher must keep each exchange's wire bytes. */
        public boolean archives() {
            return outs.stream().anyMatch(out -> OutputFormat.of(out).isWarc());
        }

        /** Whether records go to standard output (then the summary goes to standard error). */
        public boolean toStandardOutput() {
            return outs.stream().anyMatch(OutputFormat::isStandardOutput);
        }
    }

    /** What to pull out of every page besides the built-in fields: {@code extract.fields}. */
    public record Extract(List<FieldRule> fields) {
        public Extract {
            fields = List.copyOf(fields);
        }
    }

    private static void requireText(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " must not be blank");
        }
    }

    private static void requirePositive(Duration value, String key) {
        Objects.requireNonNull(value, key);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(key + " must be positive: " + value);
        }
    }

    private static void requireNotNegative(Duration value, String key) {
        Objects.requireNonNull(value, key);
        if (value.isNegative()) {
            throw new IllegalArgumentException(key + " must not be negative: " + value);
        }
    }

    private static void requireAtLeast(int value, int min, String key) {
        if (value < min) {
            throw new IllegalArgumentException(key + " must be at least " + min + ": " + value);
        }
    }
}
