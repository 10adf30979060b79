package dev.trawl.sim;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A deterministic generated website served on loopback: {@link SiteSpec#hosts()} HTTP servers, each
 * bound to 127.0.0.1 on its own port, so each host is a distinct origin {@code 127.0.0.1:PORT}. Used by
 * {@code trawl serve}, {@code trawl demo}, the tests and the benchmarks.
 *
 * <p>Besides serving, a sim web knows the answer: {@link #expected()} is exactly what a correct, polite
 * crawler fetches, and the server-side accounting ({@link #hits}, {@link #maxConcurrent},
 * {@link #requestStartNanos}) shows what a crawler really did.
 *
 * <p>Implementations are thread-safe: the accounting methods may be called while requests are being
 * served, and see a consistent snapshot of each host.
 */
public interface SimWeb extends AutoCloseable {

    /**
     * Binds and starts every host's server.
     *
     * @throws UncheckedIOException naming the port when a host cannot be bound; hosts already started
     *     are stopped again
     */
    static SimWeb start(SiteSpec spec) {
        return LoopbackSimWeb.start(spec);
    }

    /** The spec this web was generated from. */
    SiteSpec spec();

    /** The root URL of each host, in host order: {@code http://NAME:PORT/} (see {@link SiteSpec#hostName}). */
    List<String> seeds();

    /** The origin of each host, in host order: {@code NAME:PORT}. */
    List<String> origins();

    /**
     * What a crawler must resolve to reach these hosts, as {@code NAME=ADDRESS} rules where NAME may start
     * with {@code *.} for every name under a domain: {@code *.sim.test=127.0.0.1} when the hosts have names,
     * none when URLs say {@code 127.0.0.1}. The same syntax as {@code trawl crawl --resolve}.
     */
    List<String> resolveRules();

    /**
     * Every URL a correct crawler fetches when seeded with {@link #seeds()}, scoped to these hosts,
     * obeying robots.txt, without depth or page limits, following redirects and reading the sitemaps: URL to
     * the HTTP status it answers with (200, 301, 302 or 404). URLs are absolute, without fragments or session
     * ids, as {@code http://127.0.0.1:PORT/p/7.html}. Neither robots.txt, the sitemaps, {@link #disallowed()}
     * URLs nor the calendar trap's pages ({@link #traps()}) are in it.
     */
    Map<String, Integer> expected();

    /**
     * The pages of {@link #expected()} that no page links to: a crawler finds them only in the sitemaps
     * ({@link SiteSpec#sitemaps()}); empty without.
     */
    Set<String> sitemapOnly();

    /**
     * The path of each host's calendar trap, in host order, as {@code http://127.0.0.1:PORT/cal}: its months
     * are this URL with a query ({@code ?m=0}, {@code ?m=1}, …), each linking to the next, without end, so a
     * crawler gets as far as its trap limits let it. Empty unless {@link SiteSpec#traps()}.
     */
    List<String> traps();

    /** URLs that pages link to but robots.txt disallows; a polite crawler never requests them. */
    Set<String> disallowed();

    /**
     * How many requests arrived for exactly this absolute URL (path and query as sent, no fragment).
     * Works for robots.txt too. Zero for URLs never requested or not on these hosts.
     */
    int hits(String url);

    /**
     * {@link #hits} of every URL requested at least once, robots.txt, /sitemap.xml (a 404 here, asked for by a
     * crawler that reads sitemaps) and the sitemaps robots.txt names excluded.
     */
    Map<String, Integer> hitCounts();

    /**
     * The most requests this host had in flight at once, robots.txt included. A request is in flight
     * from the moment its handler starts until its response starts to be written, so a client that
     * sends its next request only after reading a response never counts twice.
     *
     * @throws IllegalArgumentException if {@code origin} is not one of {@link #origins()}
     */
    int maxConcurrent(String origin);

    /**
     * {@link System#nanoTime()} at the arrival of each request to this host, in arrival order,
     * robots.txt included: stamped on the server's dispatcher thread when the request is readable,
     * before it waits for a handler thread, so a busy machine does not squeeze two requests together.
     *
     * @throws IllegalArgumentException if {@code origin} is not one of {@link #origins()}
     */
    List<Long> requestStartNanos(String origin);

    /**
     * {@link System#nanoTime()} at the start of each response of this host, in the order they started,
     * robots.txt included: stamped before the response's first byte is written, so a client cannot have
     * read it earlier. With one request at a time, response i answers request i of
     * {@link #requestStartNanos}, and a client that waits a delay after each response before its next
     * request leaves at least that delay between a response's start and the next arrival, however loaded
     * the machine: every hold-up only widens it.
     *
     * @throws IllegalArgumentException if {@code origin} is not one of {@link #origins()}
     */
    List<Long> responseStartNanos(String origin);

    /** Requests received over all hosts, robots.txt included. */
    long totalRequests();

    /** A short multi-line summary for humans: hosts, pages, behaviour and seeds. */
    String describe();

    /** Stops every server and its executor, releasing the ports. Idempotent. */
    @Override
    void close();
}
