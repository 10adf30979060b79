package dev.trawl.sim;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One host of the simulated web: a {@link HttpServer} bound to 127.0.0.1. Its handler, on a short-lived
 * virtual thread named {@code trawl-sim-<port>-<n>}, counts the request in {@link #stats()}, makes the
 * response, and schedules its writing on the shared {@code responder}; simulated latency is a scheduled
 * task, not a sleeping thread, so thousands of slow responses in flight hold no thread each. The JDK
 * server lets an exchange outlive its handler: the response is written, and the exchange closed, by the
 * responder.
 *
 * <p>The latency a request is given is counted from its arrival, and the response is made (a page
 * rendered, if the site is too large to cache) while it runs: the server's own delays, a handler waiting
 * for a carrier or a page's rendering on a machine the crawler shares, are then inside the latency, not
 * added to it. At 64 requests in flight against 50 ms, counting from the handler's start and rendering
 * after the wait had the crawler measure 52-53 ms at the median and 70-83 ms at the 95th percentile.
 *
 * <p>A request's start time is taken on the server's dispatcher thread, the moment it hands the
 * readable connection to the executor, not in the handler: on a loaded machine the handler's virtual
 * thread can wait 100 ms for a carrier, and a start stamped there made two requests sent 150 ms apart
 * look 44 ms apart, a politeness violation the crawler never committed.
 *
 * <p>Thread-safe. The server owns its handler executor and shuts both down in {@link #close()}; the
 * responder belongs to the caller.
 */
final class HostServer implements AutoCloseable {

    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private final int index;
    private final HttpServer server;
    private final String baseUrl;
    private final SiteSpec spec;
    private final SiteContent content;
    private final ScheduledExecutorService responder;
    private final HostStats stats = new HostStats();
    private final ExecutorService executor;
    /** When the dispatcher handed this thread's exchange over; set first thing on each exchange's thread. */
    private static final ThreadLocal<Long> ARRIVED_NANOS = new ThreadLocal<>();

    /**
     * Starts serving on an already bound server.
     *
     * @param index     which host this is
     * @param server    bound to 127.0.0.1, not yet started; this host owns it from now on
     * @param responder writes every response once its latency has passed; shared by all hosts
     */
    HostServer(int index, HttpServer server, SiteSpec spec, SiteContent content, ScheduledExecutorService responder) {
        this.index = index;
        this.server = server;
        this.spec = spec;
        this.content = content;
        this.responder = responder;
        this.baseUrl = "http://" + origin();
        this.executor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("trawl-sim-" + port() + "-", 0).factory());
        server.setExecutor(this::dispatch);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** {@code NAME:PORT}, as URLs spell it: {@code 127.0.0.1:PORT} or {@code h3.sim.test:PORT} */
    String origin() {
        return content.hostName(index) + ":" + port();
    }

    HostStats stats() {
        return stats;
    }

    /**
     * Runs on the server's dispatcher thread as soon as a connection has a request to read: stamps the
     * arrival there, before the exchange waits for a thread, and hands it to the exchange's own virtual
     * thread (one per exchange, so the stamp cannot leak to another request).
     */
    private void dispatch(Runnable exchange) {
        long arrivedNanos = System.nanoTime();
        executor.execute(() -> {
            ARRIVED_NANOS.set(arrivedNanos);
            exchange.run();
        });
    }

    /**
     * Counts the request, makes its response and schedules the writing of it for the request's arrival
     * plus its latency (at once if that has passed); returns at once, leaving the exchange open.
     */
    private void handle(HttpExchange exchange) {
        long arrivedNanos = ARRIVED_NANOS.get();
        URI uri = exchange.getRequestURI();
        String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
        String url = baseUrl + rawPath + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        stats.begin(url, arrivedNanos);
        String method = exchange.getRequestMethod();
        boolean head = method.equals("HEAD");
        SimResponse response;
        try {
            response = head || method.equals("GET")
                    ? content.respond(index, rawPath, uri.getRawQuery(), acceptsGzip(exchange.getRequestHeaders()))
                    : SimResponse.methodNotAllowed();
        } catch (RuntimeException | Error e) {
            stats.end();
            exchange.close();
            throw e;
        }
        long due = arrivedNanos + delayNanos(rawPath);
        try {
            responder.schedule(() -> respond(exchange, response, head), Math.max(0, due - System.nanoTime()),
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // The sim web is closing: drop the exchange.
            stats.end();
            exchange.close();
        }
    }

    private void respond(HttpExchange exchange, SimResponse response, boolean head) {
        boolean inFlight = true;
        try (exchange) {
            stats.answered(System.nanoTime()); // before the first byte, so a client cannot have it earlier
            inFlight = false;
            send(exchange, response, head);
        } catch (IOException e) {
            // The client went away (or the server is closing); the exchange is closed either way.
        } finally {
            if (inFlight) {
                stats.end();
            }
        }
    }

    private long delayNanos(String rawPath) {
        return content.latency(index, rawPath).toNanos();
    }

    private void send(HttpExchange exchange, SimResponse response, boolean head) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        response.contentType().ifPresent(type -> headers.set("Content-Type", type));
        response.location().ifPresent(location -> headers.set("Location", location));
        if (response.gzipped()) {
            headers.set("Content-Encoding", "gzip");
        }
        if (spec.gzip()) {
            headers.set("Vary", "Accept-Encoding");
        }
        if (response.status() == 405) {
            headers.set("Allow", "GET, HEAD");
        }
        send(exchange, response.status(), response.body(), head);
    }

    private static void send(HttpExchange exchange, int status, byte[] body, boolean head) throws IOException {
        if (head) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            exchange.sendResponseHeaders(status, -1);
        } else if (body.length == 0) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static boolean acceptsGzip(Headers headers) {
        List<String> values = headers.get("Accept-Encoding");
        if (values == null) {
            return false;
        }
        for (String value : values) {
            for (String coding : value.split(",")) {
                String trimmed = coding.strip();
                if (trimmed.equals("gzip") || trimmed.startsWith("gzip;") && !trimmed.endsWith("q=0")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Stops accepting and closes every connection (answers still scheduled then fail to write and are
     * dropped); waits for handlers still reading a request.
     */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("handlers of " + origin() + " still running after " + SHUTDOWN_GRACE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
