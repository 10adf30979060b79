package dev.trawl.audit;

/**
 * Where the frontier tells each politeness fact as it happens, besides its own {@link PolitenessAudit}: an
 * audit log, or the pipe to a processes-mode coordinator. Called under the frontier's lock, so it must not
 * block ({@link AuditRecorder} queues). Implementations are thread-safe.
 */
@FunctionalInterface
public interface AuditTrail {
    /** A trail that keeps nothing. */
    AuditTrail NONE = event -> {};

    void record(AuditEvent event);

    /**
     * Records {@code event}, which another process has already written as {@code line} ({@link AuditLines}; a
     * processes-mode child's fact as it crossed the pipe): a trail that keeps lines keeps this one as it came,
     * not formatted again.
     */
    default void record(AuditEvent event, String line) {
        record(event);
    }
}
