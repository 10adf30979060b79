package dev.trawl.fetch;

/**
 * Told when a request goes out: its head is about to be written on a connected socket, after DNS, connect
 * and TLS, and after any wait for a pooled connection, a dispatcher slot or a thread. A politeness clock
 * started here measures what the server sees, where one started when the fetch was asked for would run
 * early by however long those waits took.
 *
 * <p>A fetcher tells it at most once per fetch, and never for a request that was not sent: a bad URL, a
 * name that does not resolve, a refused connection, a failed handshake, a fetch cancelled or refused by a
 * closed fetcher before it went out. It runs on whichever thread writes the request (the caller's, a
 * dispatcher's or an I/O reactor's), so it must be quick, must not block, and must not throw.
 */
@FunctionalInterface
public interface SendListener {
    /** Tells nobody. */
    SendListener NONE = () -> { };

    /** The request head is about to be written. */
    void sending();
}
