package dev.trawl.fetch;

import dev.trawl.config.CrawlConfig;
import dev.trawl.fetch.FetchResult.Failed;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.HttpUrl;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;

/**
 * A {@link Fetcher} on Apache HttpClient 5's async client: non-blocking sockets served by an I/O
 * reactor of a fixed few threads, however many requests are in flight. A request in flight costs a
 * connection and a small {@link ReactorExchange}, not a thread. Same contract as {@link OkHttpFetcher}:
 * one GET, no redirects followed, no retries, a body cap counted after gzip is inflated.
 *
 * <p>The client has no whole-call deadline, so a one-thread scheduler cancels what outlives
 * {@code fetch.call-timeout}. Futures complete on a reactor thread: callers must hand real work (parsing)
 * to a pool of their own rather than run it there, or they stall every connection of that thread.
 *
 * <p>Thread-safe. Built by {@link ReactorFetcherFactory}; owns its client, pool and scheduler.
 */
final class ReactorFetcher implements Fetcher {
    private static final TimeValue SHUTDOWN_GRACE = TimeValue.ofSeconds(5);
    /** The context attribute under which a request interceptor finds its {@link ReactorExchange}. */
    static final String EXCHANGE = "trawl.exchange";

    private final CloseableHttpAsyncClient client;
    private final PoolingAsyncClientConnectionManager pool;
    private final ScheduledExecutorService deadlines;
    private final CrawlConfig.Fetch config;
    private final Clock clock;
    private final FailureClassifier classifier;
    private final Optional<WireTap> tap;
    private final Set<InFlight> inFlight = ConcurrentHashMap.newKeySet();
    private final LazyTlsStrategy tls;
    private volatile boolean closed;

    ReactorFetcher(CloseableHttpAsyncClient client, PoolingAsyncClientConnectionManager pool,
            ScheduledExecutorService deadlines, CrawlConfig.Fetch config, Clock clock, Optional<WireTap> tap,
            LazyTlsStrategy tls) {
        this.tls = tls;
        this.tap = tap;
        this.client = client;
        this.pool = pool;
        this.deadlines = deadlines;
        this.config = config;
        this.clock = clock;
        this.classifier = new FailureClassifier(config);
    }

    /** Whether this fetcher has set up TLS, for tests. */
    boolean tlsReady() {
        return tls.ready();
    }

    /** Waits for {@link #fetchAsync}; an interrupt cancels the request and is kept set for the caller. */
    @Override
    public FetchResult fetch(FetchRequest request) {
        CompletableFuture<FetchResult> future = fetchAsync(request);
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(false);
            Thread.currentThread().interrupt();
            return future.join();
        } catch (ExecutionException e) {
            throw new IllegalStateException("fetch of " + request.url() + " failed unexpectedly", e.getCause());
        }
    }

    @Override
    public CompletableFuture<FetchResult> fetchAsync(FetchRequest request) {
        String url = request.url();
        ReactorExchange exchange = new ReactorExchange(url, request.capOr(config.maxBodyBytes()), config, clock,
                tap.isPresent(), request.listener());
        HttpUrl httpUrl = HttpUrl.parse(url);
        if (httpUrl == null) {
            return CompletableFuture.completedFuture(
                    exchange.failed(FailureKind.INVALID_URL, "not an absolute http(s) URL: '" + url + "'"));
        }
        String host = httpUrl.host() + ":" + httpUrl.port();
        if (closed) {
            return CompletableFuture.completedFuture(notStarted(exchange, host));
        }
        InFlight call = new InFlight(exchange, host);
        inFlight.add(call);
        call.result.whenComplete((result, error) -> call.release());
        try {
            call.start(httpUrl);
        } catch (RejectedExecutionException | IllegalStateException e) {
            // The client or the scheduler shut down between the check above and now.
            call.result.complete(notStarted(exchange, host));
        }
        return call.result;
    }

    private static Failed notStarted(ReactorExchange exchange, String host) {
        return exchange.failed(FailureKind.CANCELLED, "fetcher is closed; request to " + host + " not started");
    }

    @Override
    public void cancelAll() {
        for (InFlight call : inFlight) {
            call.cancel(FailureKind.CANCELLED, "request to " + call.host + " cancelled");
        }
    }

    /** Refuses new requests, cancels those in flight, and stops the reactor and the scheduler. */
    @Override
    public void close() {
        closed = true;
        cancelAll();
        client.close(CloseMode.GRACEFUL);
        try {
            client.awaitShutdown(SHUTDOWN_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.close(CloseMode.IMMEDIATE);
        deadlines.shutdownNow();
    }

    /** Connections leased from the pool right now: zero once every exchange has ended (for tests). */
    int leasedConnections() {
        return pool.getTotalStats().getLeased();
    }

    /** One request in the air: its exchange, its deadline, and the future the caller holds. */
    private final class InFlight implements FutureCallback<FetchResult> {
        final ReactorExchange exchange;
        final String host;
        final CompletableFuture<FetchResult> result = new CompletableFuture<>();
        private volatile Future<FetchResult> request;
        private volatile ScheduledFuture<?> deadline;
        private final AtomicBoolean finished = new AtomicBoolean();

        InFlight(ReactorExchange exchange, String host) {
            this.exchange = exchange;
            this.host = host;
        }

        void start(HttpUrl url) {
            // A caller that cancels its future cancels the request.
            result.whenComplete((value, error) -> {
                if (result.isCancelled()) {
                    cancel(FailureKind.CANCELLED, "request to " + host + " cancelled");
                }
            });
            deadline = deadlines.schedule(() -> {
                FailureClassifier.Failure passed = classifier.deadlinePassed();
                cancel(passed.kind(), passed.message());
            }, config.callTimeout().toNanos(), TimeUnit.NANOSECONDS);
            HttpClientContext context = HttpClientContext.create();
            context.setAttribute(EXCHANGE, exchange);
            request = client.execute(exchange.request(url.uri()), exchange, context, this);
            if (exchange.decided().isPresent()) {
                request.cancel(true); // cancelled or timed out while it was being started
            }
        }

        /** Ends the request with {@code kind} (or as truncated, if its response began), unless it has ended. */
        void cancel(FailureKind kind, String message) {
            if (exchange.decide(exchange.brokeOff(kind, message))) {
                Future<FetchResult> started = request;
                if (started != null) {
                    started.cancel(true);
                }
                completed(null);
            }
        }

        void release() {
            inFlight.remove(this);
            ScheduledFuture<?> timer = deadline;
            if (timer != null) {
                timer.cancel(false);
            }
        }

        @Override
        public void completed(FetchResult fetched) {
            finish(exchange.decided().orElse(fetched));
        }

        @Override
        public void failed(Exception e) {
            finish(exchange.decided().orElseGet(() -> classify(e)));
        }

        @Override
        public void cancelled() {
            finish(exchange.decided().orElseGet(
                    () -> exchange.failed(FailureKind.CANCELLED, "request to " + host + " cancelled")));
        }

        /** Reports the exchange to the tap, if archiving and a response arrived, then completes. Once. */
        private void finish(FetchResult outcome) {
            if (result.isDone() || !finished.compareAndSet(false, true)) {
                return;
            }
            try {
                tap.ifPresent(t -> exchange.wire().ifPresent(t::exchanged));
                result.complete(outcome);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }

        private FetchResult classify(Exception e) {
            if (!(e instanceof IOException io)) {
                return exchange.failed(FailureKind.IO, "protocol error with " + host + ": " + e.getMessage());
            }
            // HttpClient 5's connect timeout is no SocketTimeoutException; say what it is.
            IOException plain = io instanceof ConnectTimeoutException
                    ? new SocketTimeoutException("connect timed out") : io;
            FailureClassifier.Failure failure = classifier.classify(plain, host, false);
            return exchange.brokeOff(failure.kind(), failure.message());
        }
    }
}
