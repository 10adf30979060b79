package dev.trawl.mode.process;

import dev.trawl.audit.AuditEvent;
import dev.trawl.audit.AuditLines;
import dev.trawl.audit.AuditPolicy;
import dev.trawl.audit.AuditReport;
import dev.trawl.audit.AuditTrail;
import dev.trawl.audit.PolitenessAudit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The coordinator's side of {@link Message.Audited}: the one politeness audit of a processes-mode crawl. Each
 * child tells its hosts' facts as audit log lines and audits none; here they are parsed, audited, and passed to
 * the run's trail (its audit log) as the lines they came as. A host belongs to one child, whose messages come
 * on one thread, so each host's facts keep their order.
 *
 * <p>A child that dies leaves requests in flight whose ends will never come. {@link #gone} orphans them: only
 * those of the hosts it owned ({@link HostSharder}), so the other children's requests in flight are still
 * counted against their hosts' cap.
 *
 * <p>Thread-safe: each child's reader thread reports here, the summary reads; one lock keeps the audit and the
 * trail in the same order.
 */
final class ChildAudits {
    private final ReentrantLock lock = new ReentrantLock();
    private final PolitenessAudit audit;
    private final HostSharder sharder;
    private final AuditTrail trail;

    /**
     * @param sharder who owns which host
     * @param trail where every fact audited goes too: the run's audit log, or {@link AuditTrail#NONE}
     */
    ChildAudits(AuditPolicy policy, HostSharder sharder, AuditTrail trail) {
        this.audit = new PolitenessAudit(policy);
        this.sharder = sharder;
        this.trail = trail;
    }

    /**
     * A child's facts, in its order: audited and passed on. Answers the lines that are not facts, each with why,
     * for the caller to log; they are left out.
     */
    List<String> heard(List<String> lines) {
        // parsed before taking the lock: the other children's facts need not wait for this one's text
        List<AuditEvent> events = new ArrayList<>(lines.size());
        List<String> facts = new ArrayList<>(lines.size());
        List<String> bad = new ArrayList<>();
        for (String line : lines) {
            try {
                events.add(AuditLines.parse(line));
                facts.add(line);
            } catch (IllegalArgumentException e) {
                bad.add("bad politeness fact (" + e.getMessage() + "): " + line);
            }
        }
        lock.lock();
        try {
            for (int i = 0; i < events.size(); i++) {
                audit.accept(events.get(i));
                trail.record(events.get(i), facts.get(i));
            }
        } finally {
            lock.unlock();
        }
        return bad;
    }

    /**
     * Worker {@code workerId}'s process is gone at {@code epochNanos}, after its last facts were heard: the
     * requests it left in flight to its hosts are over, their connections gone with it.
     */
    void gone(int workerId, long epochNanos) {
        lock.lock();
        try {
            Optional<AuditEvent.Orphaned> orphans =
                    audit.orphans(epochNanos, host -> sharder.shardOf(host) == workerId);
            if (orphans.isPresent()) {
                audit.accept(orphans.get());
                trail.record(orphans.get());
            }
        } finally {
            lock.unlock();
        }
    }

    /** What the audit found so far. */
    AuditReport report() {
        lock.lock();
        try {
            return audit.report();
        } finally {
            lock.unlock();
        }
    }
}
