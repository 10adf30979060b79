package dev.trawl.fetch;

import dev.trawl.config.CrawlConfig;
import dev.trawl.fetch.FetchResult.Failed;
import dev.trawl.fetch.FetchResult.Fetched;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * A {@link Fetcher} on OkHttp: one GET per call, no redirects followed, no retries (the pipeline retries
 * through its frontier), a body cap counted after gzip is inflated. Built by {@link FetcherFactory}.
 *
 * <p>Thread-safe: all state is immutable or OkHttp's own (thread-safe) client. Every {@link Response} is
 * closed before a result is returned or a future completed.
 */
final class OkHttpFetcher implements Fetcher {
    private static final String ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1";
    /** An unwanted body at most this long is drained so the connection can be reused. */
    private static final long DRAIN_LIMIT = 16 * 1024;

    private final OkHttpClients clients;
    private final CrawlConfig.Fetch config;
    private final Clock clock;
    private final FailureClassifier classifier;
    private final boolean ownsExecutor;
    private final boolean ownsConnectionPool;
    private final Optional<WireTap> tap;
    private volatile boolean closed;

    OkHttpFetcher(OkHttpClients clients, CrawlConfig.Fetch config, Clock clock, boolean ownsExecutor,
            boolean ownsConnectionPool, Optional<WireTap> tap) {
        this.clients = clients;
        this.tap = tap;
        this.config = config;
        this.clock = clock;
        this.classifier = new FailureClassifier(config);
        this.ownsExecutor = ownsExecutor;
        this.ownsConnectionPool = ownsConnectionPool;
    }

    @Override
    public FetchResult fetch(FetchRequest request) {
        Attempt attempt = new Attempt(request.url(), request.capOr(config.maxBodyBytes()));
        HttpUrl httpUrl = HttpUrl.parse(request.url());
        if (httpUrl == null) {
            return attempt.invalidUrl();
        }
        if (closed) {
            return attempt.closed();
        }
        Call call = newCall(attempt, httpUrl, request.listener());
        FetchResult result;
        try (Response response = call.execute()) {
            result = attempt.read(call, response);
        } catch (IOException e) {
            result = attempt.failed(call, e);
        }
        return attempt.finish(result);
    }

    @Override
    public CompletableFuture<FetchResult> fetchAsync(FetchRequest request) {
        Attempt attempt = new Attempt(request.url(), request.capOr(config.maxBodyBytes()));
        HttpUrl httpUrl = HttpUrl.parse(request.url());
        if (httpUrl == null) {
            return CompletableFuture.completedFuture(attempt.invalidUrl());
        }
        if (closed) {
            return CompletableFuture.completedFuture(attempt.closed());
        }
        Call call = newCall(attempt, httpUrl, request.listener());
        CompletableFuture<FetchResult> future = new CompletableFuture<>();
        future.whenComplete((result, error) -> {
            if (future.isCancelled()) {
                call.cancel();
            }
        });
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call failedCall, IOException e) {
                future.complete(attempt.finish(attempt.failed(failedCall, e)));
            }

            /** Runs on a dispatcher thread and holds its slot: read the capped body, close, complete. */
            @Override
            public void onResponse(Call respondedCall, Response response) {
                FetchResult result;
                try (response) {
                    result = attempt.read(respondedCall, response);
                } catch (IOException e) {
                    result = attempt.failed(respondedCall, e);
                } catch (RuntimeException e) {
                    future.completeExceptionally(e);
                    return;
                }
                try {
                    future.complete(attempt.finish(result));
                } catch (RuntimeException e) {
                    future.completeExceptionally(e);
                }
            }
        });
        return future;
    }

    /** A call of {@code attempt}'s request that tells {@code listener} when the request head is about to be written. */
    private Call newCall(Attempt attempt, HttpUrl url, SendListener listener) {
        Call call = clients.forUrl(url).newCall(attempt.request(url));
        if (listener != SendListener.NONE) {
            call.addEventListener(new SendEvents(new SendOnce(listener)));
        }
        return call;
    }

    /**
     * Passes on {@code requestHeadersStart}: OkHttp reports it once the connection is up (pooled or dialled,
     * TLS done) and the head is about to be written, not when the call waits for a slot or a connection.
     */
    private static final class SendEvents extends EventListener {
        private final SendOnce listener;

        SendEvents(SendOnce listener) {
            this.listener = listener;
        }

        @Override
        public void requestHeadersStart(Call call) {
            listener.sending();
        }
    }

    /** Whether this fetcher has set up TLS, for tests. */
    boolean tlsReady() {
        return clients.tlsReady();
    }

    @Override
    public void cancelAll() {
        clients.cleartext().dispatcher().cancelAll();
    }

    /**
     * Refuses new requests (they end as {@link FailureKind#CANCELLED}) and releases what this fetcher owns.
     * Calls in flight run to their end; call {@link #cancelAll()} first to stop them.
     */
    @Override
    public void close() {
        closed = true;
        if (ownsExecutor) {
            clients.cleartext().dispatcher().executorService().shutdown();
        }
        if (ownsConnectionPool) {
            clients.cleartext().connectionPool().evictAll();
        }
    }

    /** One request's bookkeeping: where it started, when, and how much body it may read. */
    private final class Attempt {
        private final String url;
        private final long maxBodyBytes;
        private final Instant startedAt = clock.instant();
        private final long startNanos = System.nanoTime();
        private final WireByteCounter.Count wire = new WireByteCounter.Count();
        /** Present only when archiving: then the exchange's bytes are copied, else nothing is kept. */
        private final Optional<WireRecorder.Capture> capture =
                tap.isPresent() ? Optional.of(new WireRecorder.Capture()) : Optional.empty();

        Attempt(String url, long maxBodyBytes) {
            if (maxBodyBytes < 1) {
                throw new IllegalArgumentException("maxBodyBytes must be at least 1: " + maxBodyBytes);
            }
            this.url = url;
            this.maxBodyBytes = maxBodyBytes;
        }

        Request request(HttpUrl httpUrl) {
            Request.Builder request = new Request.Builder()
                    .url(httpUrl)
                    .header("User-Agent", config.userAgent())
                    .header("Accept", ACCEPT)
                    .tag(WireByteCounter.Count.class, wire)
                    .get();
            capture.ifPresent(c -> request.tag(WireRecorder.Capture.class, c));
            return request.build();
        }

        /** Reports the exchange to the tap, if archiving and a response arrived; returns {@code result}. */
        FetchResult finish(FetchResult result) {
            if (capture.isPresent() && capture.get().responded()) {
                tap.get().exchanged(capture.get().exchange(url, startedAt));
            }
            return result;
        }

        /** Turns a response into a result, reading the body only if it is HTML-ish and under the cap. */
        FetchResult read(Call call, Response response) throws IOException {
            int status = response.code();
            Optional<String> location = response.isRedirect()
                    ? Optional.ofNullable(response.header("Location")) : Optional.empty();
            Optional<Duration> retryAfter = RetryAfter.parse(response.headers(), clock.instant());
            ResponseBody body = response.body();
            Optional<MediaType> mediaType = Optional.ofNullable(body.contentType());
            Optional<String> contentType = mediaType.map(m -> (m.type() + "/" + m.subtype()).toLowerCase(Locale.ROOT));
            Optional<String> charset = mediaType.map(m -> m.parameter("charset"));

            boolean wanted = !response.isRedirect() && contentType.map(t -> ContentTypes.isRead(t, url)).orElse(true);
            if (!wanted) {
                if (capture.isPresent()) {
                    readForArchive(call, body.source(), maxBodyBytes);
                } else {
                    abandon(call, body);
                }
                return new Fetched(url, startedAt, elapsed(), status, contentType, charset, new byte[0], false,
                        location, retryAfter, wire.bytes(), response.headers("X-Robots-Tag"));
            }
            if (body.contentLength() > maxBodyBytes) {
                call.cancel();
                return failed(FailureKind.BODY_TOO_LARGE, "Content-Length " + body.contentLength()
                        + " exceeds the " + bytes(maxBodyBytes) + " body cap");
            }
            BufferedSource source = body.source();
            byte[] bytes;
            try {
                if (source.request(maxBodyBytes == Long.MAX_VALUE ? maxBodyBytes : maxBodyBytes + 1)) {
                    call.cancel();
                    return failed(FailureKind.BODY_TOO_LARGE,
                            "body exceeds " + bytes(maxBodyBytes) + " after decompression");
                }
                bytes = source.readByteArray();
            } catch (IOException e) {
                return truncated(call, status, e);
            }
            return new Fetched(url, startedAt, elapsed(), status, contentType, charset, bytes, true, location,
                    retryAfter, wire.bytes(), response.headers("X-Robots-Tag"));
        }

        /**
         * The body broke off after the headers arrived: {@link FailureKind#TRUNCATED}, whatever the cause
         * (a reset, a read timeout, the deadline), unless the crawl cancelled the call.
         */
        private Failed truncated(Call call, int status, IOException e) {
            FailureClassifier.Failure cause = classifier.classify(e, host(), call.isCanceled());
            if (cause.kind() == FailureKind.CANCELLED) {
                return failed(cause.kind(), cause.message());
            }
            return failed(FailureKind.TRUNCATED, "status " + status + " arrived but the body broke off after "
                    + wire.bytes() + " bytes on the wire: " + cause.message());
        }

        /**
         * Skips a body we do not want. Closing lets OkHttp drain up to 100 ms of it to reuse the connection;
         * unless the body is known to be small, dropping the connection wastes less bandwidth.
         */
        private void abandon(Call call, ResponseBody body) {
            long length = body.contentLength();
            if (length < 0 || length > DRAIN_LIMIT) {
                call.cancel();
            }
        }

        /**
         * Reads a body nobody parses (an image, a redirect's page) up to the cap, only so the archive holds
         * it; past the cap the call is cancelled and the archived body is marked truncated.
         */
        private void readForArchive(Call call, BufferedSource source, long cap) throws IOException {
            Buffer scratch = new Buffer();
            long left = cap;
            while (left > 0) {
                long read = source.read(scratch, Math.min(left, 64 * 1024));
                if (read == -1) {
                    return;
                }
                left -= read;
                scratch.clear();
            }
            if (!capture.orElseThrow().complete()) {
                call.cancel();
            }
        }

        FetchResult failed(Call call, IOException e) {
            FailureClassifier.Failure failure = classifier.classify(e, host(), call.isCanceled());
            return failed(failure.kind(), failure.message());
        }

        Failed invalidUrl() {
            return failed(FailureKind.INVALID_URL, "not an absolute http(s) URL: '" + url + "'");
        }

        Failed closed() {
            return failed(FailureKind.CANCELLED, "fetcher is closed; request to " + host() + " not started");
        }

        private Failed failed(FailureKind kind, String message) {
            return new Failed(url, startedAt, elapsed(), kind, message);
        }

        private String host() {
            HttpUrl parsed = HttpUrl.parse(url);
            return parsed == null ? url : parsed.host() + ":" + parsed.port();
        }

        private Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - startNanos);
        }
    }

    /** {@code 10 MiB}, {@code 512 KiB} or {@code 1000 bytes}: a cap as configured. */
    private static String bytes(long count) {
        if (count >= 1024 * 1024 && count % (1024 * 1024) == 0) {
            return count / (1024 * 1024) + " MiB";
        }
        if (count >= 1024 && count % 1024 == 0) {
            return count / 1024 + " KiB";
        }
        return count + " bytes";
    }
}
