package dev.trawl.fetch;

import java.util.Locale;

/**
 * The one list of what can go wrong with a URL: why it yielded no usable response, or what is wrong with
 * the response it did yield. Written to records in lower case, e.g. {@code body_too_large}; no other
 * error label exists.
 */
public enum FailureKind {
    /** The host name did not resolve. */
    DNS,
    /** The TCP connection was refused or could not be made. */
    CONNECT,
    /**
     * A connect or read timeout, or the fetch deadline ({@code fetch.call-timeout}), elapsed before the
     * response's headers were complete (a server that trickles its headers ends here).
     */
    TIMEOUT,
    /** The TLS handshake failed. */
    TLS,
    /** Any other I/O error before a response arrived: a reset connection, a protocol error. */
    IO,
    /**
     * The response began (status line and headers arrived) and then its body broke off: a reset, an early
     * close, a read timeout or the fetch deadline. Not retried: the server did answer, and asking again
     * would cost the host another full response.
     */
    TRUNCATED,
    /** The decompressed body exceeded {@code fetch.max-body} (a gzip bomb ends here). */
    BODY_TOO_LARGE,
    /** More redirect hops than {@code fetch.max-redirects}. */
    TOO_MANY_REDIRECTS,
    /** A redirect led back to a URL already on the same redirect chain. */
    REDIRECT_LOOP,
    /** The URL or a redirect target could not be parsed. */
    INVALID_URL,
    /**
     * The host resolved to (or is) a loopback, private, link-local or other non-public address that no
     * seed is on, and {@code fetch.allow-private} is off: not connected to.
     */
    ADDRESS_REFUSED,
    /** A trap defence: more distinct queries on one host and path than {@code traps.max-query-variants}. */
    TRAP_QUERY_VARIANTS,
    /** A trap defence: a path whose segments repeat more than {@code traps.max-path-repetition} times. */
    TRAP_PATH_REPETITION,
    /** A trap defence: a URL longer than {@code traps.max-url-length}. */
    TRAP_URL_LENGTH,
    /** A trap defence: a path deeper than {@code traps.max-path-depth} segments. */
    TRAP_PATH_DEPTH,
    /** A trap defence: more URLs on one host than {@code traps.max-pages-per-host}. */
    TRAP_PAGES_PER_HOST,
    /** The crawl was stopped while the request was in flight. */
    CANCELLED,
    /** robots.txt forbids the URL (or could not be read): no request was made. */
    ROBOTS_DISALLOWED,
    /** A 2xx HTML response the parser could not read. */
    PARSE_ERROR,
    /** A redirect whose target is out of scope, too deep or over the page budget. */
    REDIRECT_NOT_FOLLOWED;

    /** The lower-case name used in records and summaries. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
