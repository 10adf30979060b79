package dev.trawl.fetch;

import dev.trawl.config.CrawlConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Dns;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * Builds the non-blocking {@link Fetcher} of {@code --mode async}: Apache HttpClient 5's async client,
 * whose I/O reactor serves every connection from {@link #ioThreads} threads.
 *
 * <pre>{@code
 * try (Fetcher fetcher = ReactorFetcherFactory.create(config.fetch()).maxConnections(2000).build()) { ... }
 * }</pre>
 *
 * <p>Not thread-safe: configure and build on one thread. Built fetchers are thread-safe and own their
 * reactor threads ({@code trawl-io-N}), connection pool and deadline thread ({@code trawl-deadline}).
 */
public final class ReactorFetcherFactory {
    /** Reactor threads: one per core, at most this many; a reactor thread is never idle-waiting on one socket. */
    public static final int MAX_IO_THREADS = 8;
    /** Default pool limits: high, because the frontier enforces the real per-host caps. */
    public static final int DEFAULT_MAX_CONNECTIONS = 256;

    private final CrawlConfig.Fetch config;
    private Optional<Dns> dns = Optional.empty();
    private Optional<WireTap> tap = Optional.empty();
    private Optional<List<String>> seeds = Optional.empty();
    private Clock clock = Clock.systemUTC();
    private int ioThreads = Math.min(MAX_IO_THREADS, Runtime.getRuntime().availableProcessors());
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;

    private ReactorFetcherFactory(CrawlConfig.Fetch config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public static ReactorFetcherFactory create(CrawlConfig.Fetch config) {
        return new ReactorFetcherFactory(config);
    }

    /** Resolves host names with {@code dns} (the same hook as the OkHttp fetcher's) instead of the system's. */
    public ReactorFetcherFactory dns(Dns dns) {
        this.dns = Optional.of(dns);
        return this;
    }

    /**
     * Makes this a crawl's fetcher: the same address rules as {@link FetcherFactory#seeds}, applied to
     * every resolved address (an IP literal goes through the resolver too, so it is checked as well).
     */
    public ReactorFetcherFactory seeds(List<String> seeds) {
        this.seeds = Optional.of(List.copyOf(seeds));
        return this;
    }

    /** Reports every exchange's wire bytes to {@code tap}, for a web archive; without one nothing is copied. */
    public ReactorFetcherFactory wireTap(WireTap tap) {
        this.tap = Optional.of(tap);
        return this;
    }

    /** The clock for {@code startedAt} and for turning a {@code Retry-After} date into a delay. */
    public ReactorFetcherFactory clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** Threads of the I/O reactor. */
    public ReactorFetcherFactory ioThreads(int ioThreads) {
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be at least 1: " + ioThreads);
        }
        this.ioThreads = ioThreads;
        return this;
    }

    /** Open connections, overall and to one host: at least the requests the caller keeps in flight. */
    public ReactorFetcherFactory maxConnections(int maxConnections) {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1: " + maxConnections);
        }
        this.maxConnections = maxConnections;
        return this;
    }

    public Fetcher build() {
        Timeout connect = Timeout.of(config.connectTimeout());
        Timeout read = Timeout.of(config.readTimeout());
        LazyTlsStrategy tls = new LazyTlsStrategy();
        PoolingAsyncClientConnectionManager pool = PoolingAsyncClientConnectionManagerBuilder.create()
                .setTlsStrategy(tls)
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                .setMaxConnTotal(maxConnections)
                .setMaxConnPerRoute(maxConnections)
                .setDnsResolver(new OkHttpDnsResolver(resolver()))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(connect)
                        .setSocketTimeout(read)
                        .build())
                .build();
        CloseableHttpAsyncClient client = HttpAsyncClients.custom()
                .setConnectionManager(pool)
                .setIOReactorConfig(IOReactorConfig.custom()
                        .setIoThreadCount(ioThreads)
                        .setSoTimeout(read)
                        .setTcpNoDelay(true)
                        .build())
                .setThreadFactory(named("trawl-io-"))
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(read)
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableContentCompression() // inflated here, against the cap, not by the client
                .disableCookieManagement()
                .disableAuthCaching()
                // HttpClient 5.6 runs this as the connected endpoint asks for the request head, just before
                // writing it; if an upgrade moved it ahead of the connect, FetcherContract's refused case fails
                .addRequestInterceptorLast((request, entity, context) -> {
                    if (context.getAttribute(ReactorFetcher.EXCHANGE) instanceof ReactorExchange exchange) {
                        exchange.sending(request);
                    }
                })
                .build();
        client.start();
        ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1, named("trawl-deadline-"));
        deadlines.setRemoveOnCancelPolicy(true);
        return new ReactorFetcher(client, pool, deadlines, config, clock, tap, tls);
    }

    /** {@code fetch.resolve} rules, an injected resolver and the address rules, as the OkHttp fetcher has them. */
    private Dns resolver() {
        FetcherFactory rules = FetcherFactory.okHttp(config);
        dns.ifPresent(rules::dns);
        seeds.ifPresent(rules::seeds);
        return rules.guardedDns();
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** An OkHttp {@link Dns} as HttpClient's resolver, so one DNS override serves both fetchers. */
    private record OkHttpDnsResolver(Dns dns) implements DnsResolver {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            return dns.lookup(host).toArray(InetAddress[]::new);
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    }
}
