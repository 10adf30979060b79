package dev.trawl.mode;

/** The crawl could not go on: an output that cannot be written, a stage that threw. Exit code 1. */
public final class CrawlFailedException extends RuntimeException {
    public CrawlFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
