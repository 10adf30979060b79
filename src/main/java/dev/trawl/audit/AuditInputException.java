package dev.trawl.audit;

/** An audit's input cannot be read: the message names the file (and line) and what is wrong. */
public final class AuditInputException extends RuntimeException {
    public AuditInputException(String message) {
        super(message);
    }
}
