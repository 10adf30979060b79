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
}
