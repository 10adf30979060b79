package dev.trawl.fetch;

import dev.trawl.config.CrawlConfig;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SSLException;

/**
 * Turns the {@link IOException} of a failed call into a {@link FailureKind} and a message that says what
 * happened, e.g. {@code read timed out after 30s}. Immutable and thread-safe.
 */
final class FailureClassifier {
    private final CrawlConfig.Fetch config;

    FailureClassifier(CrawlConfig.Fetch config) {
        this.config = config;
    }

    /** A failure: its kind and a message naming the host where that helps. */
    record Failure(FailureKind kind, String message) {}

    /**
     * Classifies {@code e}, thrown by a call to {@code host}. The call timeout is checked before
     * cancellation because OkHttp cancels a call whose call timeout fires. An interrupted calling thread
     * means the crawl is stopping: {@link FailureKind#CANCELLED}, with the interrupt flag left set.
     */
    Failure classify(IOException e, String host, boolean canceled) {
        if (isCallTimeout(e)) {
            return deadlinePassed();
        }
        if (isRejected(e)) {
            return new Failure(FailureKind.CANCELLED, "fetcher is closed; request to " + host + " not started");
        }
        if (canceled) {
            return new Failure(FailureKind.CANCELLED, "request to " + host + " cancelled");
        }
        if (Thread.currentThread().isInterrupted()) {
            // A virtual thread's socket read ends in "Closed by interrupt"; the flag stays set for the caller.
            return new Failure(FailureKind.CANCELLED, "interrupted while fetching from " + host);
        }
        if (refusal(e) instanceof AddressGuard.RefusedAddressException refused) {
            return new Failure(FailureKind.ADDRESS_REFUSED, "not connecting to " + host + ": " + refused.getMessage());
        }
        return switch (e) {
            case UnknownHostException u -> new Failure(FailureKind.DNS, "host " + host + " did not resolve");
            case ConnectException c -> new Failure(FailureKind.CONNECT, "could not connect to " + host + ": " + e.getMessage());
            case NoRouteToHostException n -> new Failure(FailureKind.CONNECT, "no route to " + host + ": " + e.getMessage());
            case SocketTimeoutException t when isConnectTimeout(t) ->
                    new Failure(FailureKind.TIMEOUT, "connect to " + host + " timed out after " + format(config.connectTimeout()));
            case SocketTimeoutException t ->
                    new Failure(FailureKind.TIMEOUT, "read timed out after " + format(config.readTimeout()));
            case SSLException s -> new Failure(FailureKind.TLS, "TLS with " + host + " failed: " + e.getMessage());
            default -> new Failure(FailureKind.IO, "I/O error with " + host + ": " + describe(e));
        };
    }

    /** The address refusal behind {@code e}: itself, a cause or a suppressed exception (one per route tried). */
    private static Throwable refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AddressGuard.RefusedAddressException) {
                return t;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed instanceof AddressGuard.RefusedAddressException) {
                    return suppressed;
                }
            }
        }
        return e;
    }

    /** The fetch deadline ({@code fetch.call-timeout}) ended the request. */
    Failure deadlinePassed() {
        return new Failure(FailureKind.TIMEOUT, "fetch deadline of " + format(config.callTimeout()) + " passed");
    }

    /** OkHttp reports an expired call timeout as a plain {@code InterruptedIOException("timeout")}. */
    private static boolean isCallTimeout(IOException e) {
        return e.getClass() == InterruptedIOException.class && "timeout".equals(e.getMessage());
    }

    /** OkHttp reports an async call its executor refused (it was shut down) as "executor rejected". */
    private static boolean isRejected(IOException e) {
        return e.getCause() instanceof RejectedExecutionException || "executor rejected".equals(e.getMessage());
    }

    private static boolean isConnectTimeout(SocketTimeoutException e) {
        String message = e.getMessage();
        return message != null && message.toLowerCase(Locale.ROOT).contains("connect");
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** {@code 30s}, {@code 250ms}: how a person writes a timeout. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
