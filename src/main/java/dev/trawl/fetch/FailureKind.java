package dev.trawl.fetch;

import java.util.Locale;

/** Why a URL yielded no usable response. Written to records in lower case, e.g. {@code body_too_large}. */
public enum FailureKind {
    /** The host name did not resolve. */
    DNS,
    /** The TCP connection was refused or could not be made. */
    CONNECT,
    /** A connect, read or whole-call timeout elapsed (a server that trickles ends here). */
    TIMEOUT,
    /** The TLS handshake failed. */
    TLS,
    /** Any other I/O error: a reset connection, a truncated body, a protocol error. */
    IO,
    /** The decompressed body exceeded {@code fetch.max-body} (a gzip bomb ends here). */
    BODY_TOO_LARGE,
    /** More redirect hops than {@code fetch.max-redirects}. */
    TOO_MANY_REDIRECTS,
    /** A redirect led back to a URL already on the same redirect chain. */
    REDIRECT_LOOP,
    /** The URL or a redirect target could not be parsed. */
    INVALID_URL,
    /** The crawl was stopped while the request was in flight. */
    CANCELLED;

    /** The lower-case name used in records and summaries. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
