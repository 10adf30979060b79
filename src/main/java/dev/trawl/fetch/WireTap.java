package dev.trawl.fetch;

/**
 * Receives the wire bytes of every exchange a fetcher makes (pages, robots.txt, redirects, non-HTML
 * responses and bodies cut at the cap alike), for a web archive. Given to a fetcher when it is built;
 * a fetcher without one keeps no raw bytes at all.
 *
 * <p>Called on the fetching thread once the exchange has ended, before the fetch's result is returned (or
 * its future completed); exchanges that got no response head (a refused connection, a DNS failure) are
 * not reported. Implementations must be thread-safe and should return quickly (hand the bytes to a writer
 * thread); a runtime exception thrown here fails the fetch call that reported it.
 */
@FunctionalInterface
public interface WireTap {
    void exchanged(WireExchange exchange);
}
