package dev.trawl.job;

/** A job that cannot be opened or run as asked; the message says why and what to do. */
public final class JobException extends RuntimeException {
    public JobException(String message) {
        super(message);
    }

    public JobException(String message, Throwable cause) {
        super(message, cause);
    }
}
