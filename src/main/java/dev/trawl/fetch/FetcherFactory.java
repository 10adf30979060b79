package dev.trawl.fetch;

import dev.trawl.config.CrawlConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Builds the OkHttp-backed {@link Fetcher}. The pipeline injects what it owns (a shared client, a
 * {@link Dns}, the executor for async calls, a clock); everything else is created here and then owned,
 * and closed, by the fetcher.
 *
 * <pre>{@code
 * try (Fetcher fetcher = FetcherFactory.okHttp(config.fetch()).dns(testDns).build()) { ... }
 * }</pre>
 *
 * <p>Ownership: the fetcher always gets its own {@link Dispatcher} (so raising its limits never changes a
 * shared one). {@link Fetcher#close()} shuts down the dispatcher's executor unless it was injected with
 * {@link #executor}, and evicts the connection pool unless it came from a {@link #baseClient}.
 *
 * <p>Not thread-safe: configure and build on one thread. Built fetchers are thread-safe.
 */
public final class FetcherFactory {
    /** Default dispatcher limits: high, because the frontier enforces the real per-host caps. */
    public static final int DEFAULT_MAX_REQUESTS = 256;

    private final CrawlConfig.Fetch config;
    private Optional<OkHttpClient> baseClient = Optional.empty();
    private Optional<Dns> dns = Optional.empty();
    private Optional<ExecutorService> executor = Optional.empty();
    private Optional<WireTap> tap = Optional.empty();
    private Clock clock = Clock.systemUTC();
    private Optional<AddressRules> addressRules = Optional.empty();
    private Optional<List<String>> seeds = Optional.empty();
    private int maxRequests = DEFAULT_MAX_REQUESTS;
    private int maxRequestsPerHost = DEFAULT_MAX_REQUESTS;

    private FetcherFactory(CrawlConfig.Fetch config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Starts a factory for fetchers configured by {@code config}. */
    public static FetcherFactory okHttp(CrawlConfig.Fetch config) {
        return new FetcherFactory(config);
    }

    /**
     * Derives the client from {@code base} (its connection pool, TLS and proxy settings); timeouts,
     * redirects and the dispatcher are still set from the config. The fetcher does not evict its pool.
     */
    public FetcherFactory baseClient(OkHttpClient base) {
        this.baseClient = Optional.of(base);
        return this;
    }

    /** Resolves host names with {@code dns} instead of the system resolver and {@code fetch.resolve}. */
    public FetcherFactory dns(Dns dns) {
        this.dns = Optional.of(dns);
        return this;
    }

    /** Runs async calls and their callbacks on {@code executor}; the caller keeps owning and closing it. */
    public FetcherFactory executor(ExecutorService executor) {
        this.executor = Optional.of(executor);
        return this;
    }

    /**
     * Reports every exchange's wire bytes to {@code tap}, for a web archive. Without a tap the fetcher copies
     * no raw bytes at all.
     */
    public FetcherFactory wireTap(WireTap tap) {
        this.tap = Optional.of(tap);
        return this;
    }

    /**
     * Makes this a crawl's fetcher: it connects only to public addresses and to the special ranges (loopback,
     * private, …) that one of {@code seeds} is on, or anywhere if {@code fetch.allow-private} is set. Seed host
     * names are resolved when the fetcher is built, as the fetcher will resolve them; one that does not
     * resolve allows nothing extra.
     * Without this call the fetcher connects anywhere (a tool fetching what its user asked for).
     */
    public FetcherFactory seeds(List<String> seeds) {
        this.seeds = Optional.of(List.copyOf(seeds));
        return this;
    }

    /** Connects only where {@code rules} allow (see {@link #seeds} for a crawl's rules). */
    public FetcherFactory addressRules(AddressRules rules) {
        this.addressRules = Optional.of(rules);
        return this;
    }

    /** The clock for {@code startedAt} and for turning a {@code Retry-After} date into a delay. */
    public FetcherFactory clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** The dispatcher's limits on concurrent async calls, overall and per host. */
    public FetcherFactory maxRequests(int maxRequests, int maxRequestsPerHost) {
        if (maxRequests < 1 || maxRequestsPerHost < 1) {
            throw new IllegalArgumentException(
                    "maxRequests and maxRequestsPerHost must be at least 1: " + maxRequests + ", " + maxRequestsPerHost);
        }
        this.maxRequests = maxRequests;
        this.maxRequestsPerHost = maxRequestsPerHost;
        return this;
    }

    /** Builds a new fetcher; each call creates a new client and, unless injected, a new executor. */
    public Fetcher build() {
        ExecutorService pool = executor.orElseGet(FetcherFactory::newExecutor);
        Dispatcher dispatcher = new Dispatcher(pool);
        dispatcher.setMaxRequests(maxRequests);
        dispatcher.setMaxRequestsPerHost(maxRequestsPerHost);

        OkHttpClient.Builder builder = baseClient.map(OkHttpClient::newBuilder).orElseGet(OkHttpClient.Builder::new)
                .dispatcher(dispatcher)
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.readTimeout())
                .writeTimeout(config.readTimeout())
                .callTimeout(config.callTimeout())
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .addNetworkInterceptor(new WireByteCounter());
        if (tap.isPresent()) {
            builder.addNetworkInterceptor(new WireRecorder());
        }
        if (baseClient.isEmpty()) {
            // OkHttp keeps 5 idle connections by default: with 8 or 64 requests in flight to one host,
            // the rest would be closed after each burst and dialled again.
            builder.connectionPool(new ConnectionPool(maxRequests, 5, TimeUnit.MINUTES));
        }
        Dns resolver = baseDns();
        Optional<AddressGuard> guard = addressRules().filter(rules -> !rules.allowsAll()).map(AddressGuard::new);
        if (guard.isPresent()) {
            builder.dns(guard.get().dns(resolver)).socketFactory(guard.get().socketFactory());
        } else if (resolver != Dns.SYSTEM) {
            builder.dns(resolver);
        }
        return new OkHttpFetcher(baseClient.isPresent() ? OkHttpClients.of(builder.build()) : OkHttpClients.lazyTls(builder),
                config, clock, executor.isEmpty(), baseClient.isEmpty(), tap);
    }

    /**
     * The resolver with the address rules applied, for a client that has no socket factory to check the
     * connected address again (the reactor fetcher): it connects only to the addresses resolved here.
     */
    Dns guardedDns() {
        Dns resolver = baseDns();
        return addressRules().filter(rules -> !rules.allowsAll()).map(AddressGuard::new)
                .map(guard -> guard.dns(resolver)).orElse(resolver);
    }

    /** The resolver before any address rules: the injected one, else {@code fetch.resolve} rules, else DNS. */
    private Dns baseDns() {
        if (dns.isPresent()) {
            return dns.get();
        }
        return config.resolve().isEmpty() ? Dns.SYSTEM : new RuleDns(config.resolve(), Dns.SYSTEM);
    }

    /** The rules given, or those of the seeds given (see {@link #seeds}), or none. */
    private Optional<AddressRules> addressRules() {
        if (addressRules.isPresent() || seeds.isEmpty()) {
            return addressRules;
        }
        if (config.allowPrivate()) {
            return Optional.of(AddressRules.ALLOW_ALL);
        }
        Dns resolver = baseDns();
        List<InetAddress> addresses = new ArrayList<>();
        for (String seed : seeds.get()) {
            HttpUrl url = HttpUrl.parse(seed);
            if (url == null) {
                continue;
            }
            try {
                addresses.addAll(resolver.lookup(url.host()));
            } catch (UnknownHostException unresolved) {
                // the crawl records the seed as a dns failure
            }
        }
        return Optional.of(AddressRules.forSeeds(addresses));
    }

    /** Like OkHttp's default dispatcher executor, with threads named {@code trawl-fetch-N}. */
    private static ExecutorService newExecutor() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = runnable -> {
            Thread thread = new Thread(runnable, "trawl-fetch-" + count.incrementAndGet());
            thread.setDaemon(false);
            return thread;
        };
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
    }
}
