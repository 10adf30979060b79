package dev.trawl.frontier;

/** What the frontier did with an offered URL. */
public enum Admission {
    /** Queued for fetching. */
    ADMITTED,
    /** Already seen in this crawl. */
    DUPLICATE,
    /** Outside the scope or rejected by an include/exclude pattern. */
    OUT_OF_SCOPE,
    /** Deeper than {@code limits.max-depth}. */
    TOO_DEEP,
    /** The page budget ({@code limits.max-pages}) is spent. */
    OVER_BUDGET,
    /** The crawl is stopping. */
    STOPPED
}
