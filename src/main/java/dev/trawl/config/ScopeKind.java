package dev.trawl.config;

/** Which discovered URLs a crawl may follow, relative to its seeds. */
public enum ScopeKind {
    /** Only the exact hosts (host and port) of the seeds. */
    HOST,
    /** Any host under the registered domains of the seeds (example.co.uk, not co.uk). */
    DOMAIN,
    /** Anything reachable; use with a page budget. */
    ANY
}
