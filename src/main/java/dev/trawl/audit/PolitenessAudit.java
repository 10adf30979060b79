package dev.trawl.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Checks a crawl's requests against its promises ({@link AuditPolicy}), fact by fact ({@link AuditEvent}),
 * as they happen or as an audit log replays them. Pure, like the frontier's other books: it is told what
 * happened and answers with a {@link AuditReport}; it acts on nothing.
 *
 * <p>Per host it keeps the last start and end, the requests in flight, the Crawl-delay and the Retry-After
 * pause owed, and the tightest gap seen: memory grows with hosts, not requests, so it can watch a crawl of
 * millions. Facts must come in time order per host (the frontier stamps them under its lock; a log keeps
 * that order); a fact out of order shows as a gap too small.
 *
 * <p>Not thread-safe: its owner calls it under a lock (the frontier; in processes mode the coordinator's
 * {@code ChildAudits}, for every child's facts).
 */
public final class PolitenessAudit {
    /** Violations kept with their details; the rest are counted. */
    static final int MAX_LISTED = 20;
    /** Hosts a report lists, worst first. */
    static final int MAX_HOSTS = 20;

    private AuditPolicy policy;
    private final Map<String, HostBooks> hosts = new HashMap<>();
    private final EnumMap<Violation.Kind, Long> byKind = new EnumMap<>(Violation.Kind.class);
    private final List<Violation> listed = new ArrayList<>();
    private long requests;
    private long holds;

    public PolitenessAudit(AuditPolicy policy) {
        this.policy = policy;
    }

    /** One host's books. */
    private static final class HostBooks {
        final String host;
        long requests;
        long lastSent = Long.MIN_VALUE;
        long lastEnded = Long.MIN_VALUE;
        int inFlight;
        /** Requests of a process that has gone, whose ends will never come (or come late, from the old log). */
        int orphans;
        int peakInFlight;
        Duration crawlDelay = Duration.ZERO;
        long holdUntil = Long.MIN_VALUE;
        /** When the pause ending at {@link #holdUntil} was asked for. */
        long holdSince = Long.MIN_VALUE;
        Duration hold = Duration.ZERO;
        long violations;
        Optional<AuditReport.Gap> tightest = Optional.empty();

        HostBooks(String host) {
            this.host = host;
        }

        long margin() {
            return tightest.map(g -> g.gap().minus(g.required()).toNanos()).orElse(Long.MAX_VALUE);
        }
    }

    /** Takes one fact. */
    public void accept(AuditEvent event) {
        switch (event) {
            case AuditEvent.Start start -> started(start);
            case AuditEvent.Orphaned orphaned -> orphaned(orphaned);
            case AuditEvent.Sent sent -> sent(sent);
            case AuditEvent.Answered answered -> answered(answered);
            case AuditEvent.Ended ended -> ended(ended);
        }
    }

    private void started(AuditEvent.Start start) {
        policy = start.policy();
        hosts.values().forEach(PolitenessAudit::orphan);
    }

    private void orphaned(AuditEvent.Orphaned orphaned) {
        for (String host : orphaned.hosts()) {
            HostBooks books = hosts.get(host);
            if (books != null) {
                orphan(books);
            }
        }
    }

    /** A host's requests in flight belong to a process that is gone: they end unseen, as orphans. */
    private static void orphan(HostBooks books) {
        books.orphans += books.inFlight;
        books.inFlight = 0;
    }

    /**
     * The fact to tell when the process that crawled the hosts {@code owned} accepts is gone, at {@code at}: those
     * of them with requests in flight, whose ends will never come; empty if none has one. Decides only: the
     * caller tells the fact (here, and to its log).
     */
    public Optional<AuditEvent.Orphaned> orphans(long at, Predicate<String> owned) {
        List<String> open = hosts.values().stream().filter(b -> b.inFlight > 0 && owned.test(b.host))
                .map(b -> b.host).sorted().toList();
        return open.isEmpty() ? Optional.empty() : Optional.of(new AuditEvent.Orphaned(at, open));
    }

    private void sent(AuditEvent.Sent sent) {
        HostBooks books = hosts.computeIfAbsent(sent.host(), HostBooks::new);
        requests++;
        books.requests++;
        // an end counts if it came before the request was leased; one that came between its lease and its
        // sending was not known when the request was decided on
        boolean endCounts = books.lastEnded != Long.MIN_VALUE && books.lastEnded <= sent.leased();
        long previous = endCounts ? Math.max(books.lastSent, books.lastEnded) : books.lastSent;
        if (previous != Long.MIN_VALUE) {
            Duration gap = Duration.ofNanos(sent.at() - previous);
            Duration required = policy.gapFor(books.crawlDelay);
            AuditReport.Gap seen = new AuditReport.Gap(gap, required, sent.host(), sent.url());
            if (books.tightest.isEmpty() || gap.minus(required).toNanos() < books.margin()) {
                books.tightest = Optional.of(seen);
            }
            if (gap.compareTo(required) < 0) {
                boolean byRobots = required.compareTo(policy.delay()) > 0;
                violate(books, new Violation(byRobots ? Violation.Kind.CRAWL_DELAY : Violation.Kind.DELAY,
                        sent.host(), sent.url(), AuditLines.instant(sent.at()), "started " + AuditReport.millis(gap)
                                + " after the host's previous request " + (previous == books.lastSent ? "started"
                                        : "ended") + "; "
                                + (byRobots ? "its robots.txt Crawl-delay" : "politeness.delay") + " requires "
                                + AuditReport.millis(required)));
            }
        }
        if (sent.at() < books.holdUntil && books.holdSince <= sent.leased()) {
            violate(books, new Violation(Violation.Kind.RETRY_AFTER, sent.host(), sent.url(), AuditLines.instant(sent.at()),
                    "started " + AuditReport.millis(Duration.ofNanos(books.holdUntil - sent.at()))
                            + " before the end of a Retry-After pause of " + AuditReport.millis(books.hold)));
        }
        books.inFlight++;
        books.peakInFlight = Math.max(books.peakInFlight, books.inFlight);
        if (books.inFlight > policy.perHost()) {
            violate(books, new Violation(Violation.Kind.PER_HOST, sent.host(), sent.url(), AuditLines.instant(sent.at()),
                    books.inFlight + " requests in flight to the host; politeness.per-host allows "
                            + policy.perHost()));
        }
        books.lastSent = sent.at();
    }

    private void answered(AuditEvent.Answered answered) {
        Optional<Duration> owed = policy.holdFor(answered.status(), answered.retryAfter());
        if (owed.isPresent()) {
            HostBooks books = hosts.computeIfAbsent(answered.host(), HostBooks::new);
            Duration hold = owed.get();
            long until = saturatedAdd(answered.at(), hold.toNanos());
            if (until > books.holdUntil) {
                books.holdUntil = until;
                books.holdSince = answered.at();
                books.hold = hold;
            }
            holds++;
        }
    }

    private void ended(AuditEvent.Ended ended) {
        HostBooks books = hosts.computeIfAbsent(ended.host(), HostBooks::new);
        if (books.inFlight == 0 && books.orphans > 0) {
            books.orphans--;
        } else if (books.inFlight > 0) {
            books.inFlight--;
        }
        books.lastEnded = Math.max(books.lastEnded, ended.at());
        ended.crawlDelay().ifPresent(asked -> books.crawlDelay = asked);
    }

    private void violate(HostBooks books, Violation violation) {
        books.violations++;
        byKind.merge(violation.kind(), 1L, Long::sum);
        if (listed.size() < MAX_LISTED) {
            listed.add(violation);
        }
    }

    /** What was seen so far. */
    public AuditReport report() {
        Comparator<HostBooks> worstFirst = Comparator.<HostBooks>comparingLong(b -> -b.violations)
                .thenComparingLong(HostBooks::margin).thenComparing(b -> b.host);
        List<AuditReport.HostRow> worst = hosts.values().stream().filter(b -> b.requests > 0).sorted(worstFirst)
                .limit(MAX_HOSTS).map(b -> new AuditReport.HostRow(b.host, b.requests, b.tightest, b.peakInFlight,
                        b.violations))
                .toList();
        Optional<AuditReport.Gap> tightest = hosts.values().stream().filter(b -> b.tightest.isPresent())
                .min(Comparator.comparingLong(HostBooks::margin)).flatMap(b -> b.tightest);
        int peak = hosts.values().stream().mapToInt(b -> b.peakInFlight).max().orElse(0);
        int requested = (int) hosts.values().stream().filter(b -> b.requests > 0).count();
        return new AuditReport(policy, requests, requested, Map.copyOf(byKind), List.copyOf(listed), tightest, peak,
                holds, worst);
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
