package dev.trawl.config;

import static dev.trawl.config.ConfigKey.list;
import static dev.trawl.config.ConfigKey.scalar;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Every key of the YAML layout, and how a full set of values becomes a {@link CrawlConfig}. The one
 * place that maps kebab-case keys to record components; {@code config/default.yaml} documents them.
 * Immutable and thread-safe.
 */
final class ConfigKeys {

    static final ConfigKey<String> USER_AGENT = scalar("fetch.user-agent", s -> s, c -> c.fetch().userAgent());
    static final ConfigKey<Duration> CONNECT_TIMEOUT =
            duration("fetch.connect-timeout", c -> c.fetch().connectTimeout());
    static final ConfigKey<Duration> READ_TIMEOUT = duration("fetch.read-timeout", c -> c.fetch().readTimeout());
    static final ConfigKey<Duration> CALL_TIMEOUT = duration("fetch.call-timeout", c -> c.fetch().callTimeout());
    static final ConfigKey<Long> MAX_BODY = scalar("fetch.max-body", Sizes::parse, c -> c.fetch().maxBodyBytes());
    static final ConfigKey<Integer> MAX_REDIRECTS = integer("fetch.max-redirects", c -> c.fetch().maxRedirects());
    static final ConfigKey<Integer> RETRIES = integer("fetch.retries", c -> c.fetch().retries());
    static final ConfigKey<Duration> RETRY_BACKOFF = duration("fetch.retry-backoff", c -> c.fetch().retryBackoff());
    static final ConfigKey<Duration> MAX_RETRY_AFTER =
            duration("fetch.max-retry-after", c -> c.fetch().maxRetryAfter());

    static final ConfigKey<List<ResolveRule>> RESOLVE = list("fetch.resolve", ResolveRule::parse, c -> c.fetch().resolve());

    static final ConfigKey<Boolean> ALLOW_PRIVATE =
            scalar("fetch.allow-private", ConfigKeys::parseBoolean, c -> c.fetch().allowPrivate());

    static final ConfigKey<Duration> DELAY = duration("politeness.delay", c -> c.politeness().delay());
    static final ConfigKey<Integer> PER_HOST = integer("politeness.per-host", c -> c.politeness().perHost());
    static final ConfigKey<Boolean> ROBOTS =
            scalar("politeness.robots", ConfigKeys::parseBoolean, c -> c.politeness().robots());
    static final ConfigKey<String> ROBOTS_CACHE =
            scalar("politeness.robots-cache", s -> s, c -> c.politeness().robotsCache());
    static final ConfigKey<Duration> ROBOTS_ERROR_RETRY =
            duration("politeness.robots-error-retry", c -> c.politeness().robotsErrorRetry());
    static final ConfigKey<Duration> MAX_CRAWL_DELAY =
            duration("politeness.max-crawl-delay", c -> c.politeness().maxCrawlDelay());
    static final ConfigKey<Boolean> SITEMAPS =
            scalar("politeness.sitemaps", ConfigKeys::parseBoolean, c -> c.politeness().sitemaps());
    static final ConfigKey<Integer> MAX_SITEMAP_URLS =
            integer("politeness.max-sitemap-urls", c -> c.politeness().maxSitemapUrls());

    static final ConfigKey<Boolean> ADAPTIVE =
            scalar("politeness.adaptive", ConfigKeys::parseBoolean, c -> c.politeness().adaptive().enabled());
    static final ConfigKey<Duration> BACKOFF_STEP =
            duration("politeness.backoff-step", c -> c.politeness().adaptive().step());
    static final ConfigKey<Duration> MAX_BACKOFF =
            duration("politeness.max-backoff", c -> c.politeness().adaptive().maxBackoff());
    static final ConfigKey<Integer> SLOW_FACTOR =
            integer("politeness.slow-factor", c -> c.politeness().adaptive().slowFactor());
    static final ConfigKey<Integer> RECOVER_AFTER =
            integer("politeness.recover-after", c -> c.politeness().adaptive().recoverAfter());

    static final ConfigKey<Long> MAX_PAGES =
            scalar("limits.max-pages", ConfigKeys::parseLong, c -> c.limits().maxPages());
    static final ConfigKey<Integer> MAX_DEPTH = integer("limits.max-depth", c -> c.limits().maxDepth());

    static final ConfigKey<Integer> MAX_QUERY_VARIANTS =
            integer("traps.max-query-variants", c -> c.limits().traps().maxQueryVariants());
    static final ConfigKey<Integer> MAX_PATH_REPETITION =
            integer("traps.max-path-repetition", c -> c.limits().traps().maxPathRepetition());
    static final ConfigKey<Integer> MAX_URL_LENGTH =
            integer("traps.max-url-length", c -> c.limits().traps().maxUrlLength());
    static final ConfigKey<Integer> MAX_PATH_DEPTH =
            integer("traps.max-path-depth", c -> c.limits().traps().maxPathDepth());
    static final ConfigKey<Long> MAX_PAGES_PER_HOST =
            scalar("traps.max-pages-per-host", ConfigKeys::parseLong, c -> c.limits().traps().maxPagesPerHost());
    static final ConfigKey<List<String>> SESSION_PARAMS =
            list("traps.session-params", s -> s, c -> c.limits().traps().sessionParams());
    static final ConfigKey<Boolean> SORT_QUERY =
            scalar("traps.sort-query", ConfigKeys::parseBoolean, c -> c.limits().traps().sortQuery());

    static final ConfigKey<ScopeKind> SCOPE_KIND =
            scalar("scope.kind", s -> parseEnum(ScopeKind.class, s), c -> c.scope().kind());
    static final ConfigKey<List<Pattern>> INCLUDE = list("scope.include", ConfigKeys::parseRegex, c -> c.scope().include());
    static final ConfigKey<List<Pattern>> EXCLUDE = list("scope.exclude", ConfigKeys::parseRegex, c -> c.scope().exclude());

    static final ConfigKey<Mode> MODE = scalar("concurrency.mode", s -> parseEnum(Mode.class, s), c -> c.concurrency().mode());
    static final ConfigKey<Integer> PRODUCERS = integer("concurrency.producers", c -> c.concurrency().producers());
    static final ConfigKey<Integer> CONSUMERS = integer("concurrency.consumers", c -> c.concurrency().consumers());
    static final ConfigKey<Integer> QUEUE_CAPACITY =
            integer("concurrency.queue-capacity", c -> c.concurrency().queueCapacity());
    static final ConfigKey<Integer> WORKERS = integer("concurrency.workers", c -> c.concurrency().workers());
    static final ConfigKey<Mode> WORKER_MODE =
            scalar("concurrency.worker-mode", s -> parseEnum(Mode.class, s), c -> c.concurrency().workerMode());
    static final ConfigKey<Integer> MAX_IN_FLIGHT =
            integer("concurrency.max-in-flight", c -> c.concurrency().maxInFlight());
    static final ConfigKey<List<String>> WORKER_JVM_OPTIONS =
            list("concurrency.worker-jvm-options", s -> s, c -> c.concurrency().workerJvmOptions());
    static final ConfigKey<AsyncClient> ASYNC_CLIENT = scalar("concurrency.async-client",
            s -> parseEnum(AsyncClient.class, s), c -> c.concurrency().asyncClient());

    static final ConfigKey<List<Path>> OUT = list("output.out", ConfigKeys::parsePath, c -> c.output().outs());
    static final ConfigKey<ProgressMode> PROGRESS =
            scalar("output.progress", s -> parseEnum(ProgressMode.class, s), c -> c.output().progress());
    static final ConfigKey<Boolean> OVERWRITE =
            scalar("output.overwrite", ConfigKeys::parseBoolean, c -> c.output().overwrite());
    static final ConfigKey<Boolean> CSV_FORMULA_GUARD =
            scalar("output.csv-formula-guard", ConfigKeys::parseBoolean, c -> c.output().csvFormulaGuard());
    static final ConfigKey<Long> WARC_MAX_SIZE =
            scalar("output.warc-max-size", Sizes::parse, c -> c.output().warcMaxSize());

    static final ConfigKey<List<FieldRule>> FIELDS =
            new ConfigKey<>("extract.fields", true, FieldRules::parse, c -> c.extract().fields());

    /** Every key, in {@code config/default.yaml} order. */
    static final List<ConfigKey<?>> ALL = List.of(
            USER_AGENT, CONNECT_TIMEOUT, READ_TIMEOUT, CALL_TIMEOUT, MAX_BODY, MAX_REDIRECTS, RETRIES,
            RETRY_BACKOFF, MAX_RETRY_AFTER, RESOLVE, ALLOW_PRIVATE,
            DELAY, PER_HOST, ROBOTS, ROBOTS_CACHE, ROBOTS_ERROR_RETRY, MAX_CRAWL_DELAY, SITEMAPS,
            MAX_SITEMAP_URLS, ADAPTIVE, BACKOFF_STEP, MAX_BACKOFF, SLOW_FACTOR, RECOVER_AFTER,
            MAX_PAGES, MAX_DEPTH,
            MAX_QUERY_VARIANTS, MAX_PATH_REPETITION, MAX_URL_LENGTH, MAX_PATH_DEPTH, MAX_PAGES_PER_HOST,
            SESSION_PARAMS, SORT_QUERY,
            SCOPE_KIND, INCLUDE, EXCLUDE,
            MODE, PRODUCERS, CONSUMERS, QUEUE_CAPACITY, WORKERS, WORKER_MODE, MAX_IN_FLIGHT, WORKER_JVM_OPTIONS,
            ASYNC_CLIENT,
            OUT, PROGRESS, OVERWRITE, CSV_FORMULA_GUARD, WARC_MAX_SIZE,
            FIELDS);

    static final Map<String, ConfigKey<?>> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(ConfigKey::name, Function.identity()));

    private ConfigKeys() {}

    /** Supplies a value for every key; the loader layers defaults, file and overrides behind it. */
    interface Values {
        <T> T get(ConfigKey<T> key);
    }

    /**
     * Builds the config. The record constructors validate, throwing {@link IllegalArgumentException}
     * whose message starts with the offending key.
     */
    static CrawlConfig build(Values v) {
        return new CrawlConfig(
                new CrawlConfig.Fetch(v.get(USER_AGENT), v.get(CONNECT_TIMEOUT), v.get(READ_TIMEOUT),
                        v.get(CALL_TIMEOUT), v.get(MAX_BODY), v.get(MAX_REDIRECTS), v.get(RETRIES),
                        v.get(RETRY_BACKOFF), v.get(MAX_RETRY_AFTER), v.get(RESOLVE), v.get(ALLOW_PRIVATE)),
                new CrawlConfig.Politeness(v.get(DELAY), v.get(PER_HOST), v.get(ROBOTS), v.get(ROBOTS_CACHE),
                        v.get(ROBOTS_ERROR_RETRY), v.get(MAX_CRAWL_DELAY), v.get(SITEMAPS), v.get(MAX_SITEMAP_URLS),
                        new CrawlConfig.Adaptive(v.get(ADAPTIVE), v.get(BACKOFF_STEP), v.get(MAX_BACKOFF),
                                v.get(SLOW_FACTOR), v.get(RECOVER_AFTER))),
                new CrawlConfig.Limits(v.get(MAX_PAGES), v.get(MAX_DEPTH), new CrawlConfig.Traps(
                        v.get(MAX_QUERY_VARIANTS), v.get(MAX_PATH_REPETITION), v.get(MAX_URL_LENGTH),
                        v.get(MAX_PATH_DEPTH), v.get(MAX_PAGES_PER_HOST), v.get(SESSION_PARAMS), v.get(SORT_QUERY))),
                new CrawlConfig.Scope(v.get(SCOPE_KIND), v.get(INCLUDE), v.get(EXCLUDE)),
                new CrawlConfig.Concurrency(v.get(MODE), v.get(PRODUCERS), v.get(CONSUMERS),
                        v.get(QUEUE_CAPACITY), v.get(WORKERS), v.get(WORKER_MODE), v.get(MAX_IN_FLIGHT),
                        v.get(WORKER_JVM_OPTIONS), v.get(ASYNC_CLIENT)),
                new CrawlConfig.Output(v.get(OUT), v.get(PROGRESS), v.get(OVERWRITE), v.get(CSV_FORMULA_GUARD),
                        v.get(WARC_MAX_SIZE)),
                new CrawlConfig.Extract(v.get(FIELDS)));
    }

    private static ConfigKey<Duration> duration(String name, Function<CrawlConfig, Duration> defaultOf) {
        return scalar(name, Durations::parse, defaultOf);
    }

    private static ConfigKey<Integer> integer(String name, Function<CrawlConfig, Integer> defaultOf) {
        return scalar(name, ConfigKeys::parseInt, defaultOf);
    }

    private static int parseInt(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a whole number: '" + text + "' (write e.g. 8)");
        }
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a whole number: '" + text + "' (write e.g. 10000)");
        }
    }

    private static boolean parseBoolean(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("must be true or false: '" + text + "'");
        };
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String text) {
        String wanted = text.strip();
        return Arrays.stream(type.getEnumConstants())
                .filter(e -> e.name().equalsIgnoreCase(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("must be one of "
                        + Arrays.stream(type.getEnumConstants())
                                .map(e -> e.name().toLowerCase(Locale.ROOT))
                                .collect(Collectors.joining(", "))
                        + ": '" + text + "'"));
    }

    private static Pattern parseRegex(String text) {
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("not a Java regex: '" + text + "' (" + e.getDescription()
                    + " near index " + e.getIndex() + ")");
        }
    }

    private static Path parsePath(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("must not be blank (write e.g. crawl.jsonl)");
        }
        try {
            return Path.of(text.strip());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a file path: '" + text + "' (" + e.getReason() + ")");
        }
    }
}
