package dev.trawl.mode;

import dev.trawl.audit.AuditTrail;
import dev.trawl.config.CrawlConfig;
import dev.trawl.fetch.FailureKind;
import dev.trawl.frontier.CrawlState;
import dev.trawl.fetch.WireExchange;
import dev.trawl.sink.CrawlRecord;
import dev.trawl.sink.Sink;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The crawl state a run starts from, and how its records are bound to it: fresh and in memory, or a job's
 * (restored from its journal, and journaled as it changes).
 *
 * @param state the crawl state; its URLs not done are queued when the run starts
 * @param recording held (shared) while a record is written and its URL completed, so that a job's commit,
 *     which takes it exclusively, never falls between the two
 * @param journaled whether the state outlives the run: then a record of a request cancelled by a stop is
 *     not written, and its URL stays to do, to be fetched again on resume
 * @param cancelledNotRecorded counts the records so left out
 * @param audit where the run's politeness facts go besides its own audit: an audit log, or nowhere
 */
public record RunState(CrawlState state, Lock recording, boolean journaled, LongAdder cancelledNotRecorded,
        AuditTrail audit) {

    public RunState {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(recording, "recording");
        Objects.requireNonNull(cancelledNotRecorded, "cancelledNotRecorded");
        Objects.requireNonNull(audit, "audit");
    }

    /** A run state whose politeness facts go nowhere but its own audit. */
    public RunState(CrawlState state, Lock recording, boolean journaled, LongAdder cancelledNotRecorded) {
        this(state, recording, journaled, cancelledNotRecorded, AuditTrail.NONE);
    }

    /** This run state, its politeness facts told to {@code trail} (an audit log) too. */
    public RunState withAudit(AuditTrail trail) {
        return new RunState(state, recording, journaled, cancelledNotRecorded, trail);
    }

    /** A fresh state for {@code config}'s limits, kept in memory only. */
    public static RunState inMemory(CrawlConfig config) {
        return new RunState(new CrawlState(config.limits()),
                new ReentrantReadWriteLock().readLock(), false, new LongAdder());
    }

    /**
     * Archives an exchange: in a journaled run, one of a page not done yet is held until the page's record,
     * so that a commit never keeps a response without its record; others (robots.txt, sitemaps, which
     * have no record) are archived at once.
     */
    public void archive(Sink sink, WireExchange exchange) {
        if (journaled && state.current(exchange.url()).isPresent()) {
            sink.archiveForRecord(exchange);
        } else {
            sink.archive(exchange);
        }
    }

    /** Whether {@code record} is to be left out (and its URL left to do): a journaled run's cancelled request. */
    public boolean leavesOut(CrawlRecord record) {
        if (journaled && record.error().map(e -> e.kind() == FailureKind.CANCELLED).orElse(false)) {
            cancelledNotRecorded.increment();
            return true;
        }
        return false;
    }
}
