package dev.trawl.frontier;

import dev.trawl.audit.AuditEvent;
import dev.trawl.audit.AuditLines;
import dev.trawl.audit.AuditPolicy;
import dev.trawl.audit.AuditReport;
import dev.trawl.audit.AuditTrail;
import dev.trawl.audit.PolitenessAudit;
import dev.trawl.config.CrawlConfig;
import dev.trawl.fetch.FetchResult;
import dev.trawl.robots.RobotsRules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The in-memory frontier of a single-machine crawl. Thread-safe: one {@link ReentrantLock}, the crawl
 * state's, guards all state (a lock, not {@code synchronized}, so that virtual threads waiting in
 * {@link #next()} never pin their carrier). Decisions are made under the lock; nothing blocking happens while it is held.
 *
 * <p>Hosts with waiting URLs and a free slot sit in a set ordered by the time their politeness clock
 * next allows a request, so {@link #next()} looks at one host, not all of them.
 */
public final class MemoryFrontier implements Frontier {
    private static final Comparator<HostQueue> BY_READY_TIME =
            Comparator.<HostQueue>comparingLong(h -> h.nextAllowedNanos).thenComparingLong(h -> h.seq);

    /** The most sitemap files read from one host (an index may list 50,000; each is a request). */
    static final int MAX_SITEMAPS_PER_HOST = 50;

    /** How often an unreachable robots.txt is asked for before the host's URLs are given up as disallowed. */
    static final int MAX_ROBOTS_ATTEMPTS = 3;

    /** The crawl state's lock (see {@link CrawlState#lock()}): a job snapshots the state under it. */
    private final ReentrantLock lock;
    private final Condition changed;
    private final Map<String, HostQueue> hosts = new HashMap<>();
    private final TreeSet<HostQueue> ready = new TreeSet<>(BY_READY_TIME);
    private final CrawlState state;
    private final HostPace pace;
    private final Scope scope;
    private final CrawlConfig.Politeness politeness;
    private final int maxInFlight;
    private final LongSupplier nanoClock;
    /**
     * Checks every request against the promises as it is leased and answered (see {@link #politeness()}); empty
     * when the facts are audited where the trail leads ({@link Auditor#TRAIL}).
     */
    private final Optional<PolitenessAudit> audit;
    /** What the audit requires: the frontier keeps its Crawl-delay ({@code gapFor}) and Retry-After ({@code holdFor}) rules. */
    private final AuditPolicy auditPolicy;
    private final AuditTrail trail;
    /** Turns {@link #nanoClock} into nanoseconds since the epoch, for the audit's facts. */
    private final long epochOffset;

    private int queued;
    private int inFlight;
    private boolean stopped;
    private boolean openEnded;

    /**
     * @param maxInFlight the most requests in flight across all hosts
     * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime}; tests pass a fake)
     */
    public MemoryFrontier(CrawlConfig.Politeness politeness, CrawlConfig.Limits limits, Scope scope,
            int maxInFlight, LongSupplier nanoClock) {
        this(politeness, new CrawlState(limits), scope, maxInFlight, nanoClock);
    }

    /**
     * A frontier keeping its books in {@code state} (perhaps restored from a job's journal), whose URLs not
     * yet done are queued at once, each at its attempt (a retried URL keeps its count). The trap budgets
     * are the state's too, and so is its lock.
     */
    public MemoryFrontier(CrawlConfig.Politeness politeness, CrawlState state, Scope scope, int maxInFlight,
            LongSupplier nanoClock) {
        this(politeness, state, scope, maxInFlight, nanoClock, AuditTrail.NONE);
    }

    /**
     * As {@link #MemoryFrontier(CrawlConfig.Politeness, CrawlState, Scope, int, LongSupplier)}, telling
     * {@code trail} each politeness fact (a request sent, answered, ended) as it happens, and auditing them.
     */
    public MemoryFrontier(CrawlConfig.Politeness politeness, CrawlState state, Scope scope, int maxInFlight,
            LongSupplier nanoClock, AuditTrail trail) {
        this(politeness, state, scope, maxInFlight, nanoClock, trail, Auditor.FRONTIER);
    }

    /** Who audits a frontier's politeness facts: one owner, so that no fact is audited twice. */
    public enum Auditor {
        /** The frontier, as it tells them to its trail: {@link #politeness()} reports. A crawl in one process. */
        FRONTIER,
        /**
         * Whoever the trail leads to (a processes-mode child's coordinator, which audits every child's hosts):
         * the frontier only tells them, and {@link #politeness()} is empty.
         */
        TRAIL
    }

    /**
     * As {@link #MemoryFrontier(CrawlConfig.Politeness, CrawlState, Scope, int, LongSupplier, AuditTrail)}, the
     * facts audited by {@code auditor}.
     */
    public MemoryFrontier(CrawlConfig.Politeness politeness, CrawlState state, Scope scope, int maxInFlight,
            LongSupplier nanoClock, AuditTrail trail, Auditor auditor) {
        this.auditPolicy = AuditPolicy.of(politeness);
        this.audit = auditor == Auditor.FRONTIER ? Optional.of(new PolitenessAudit(auditPolicy)) : Optional.empty();
        this.trail = trail;
        this.epochOffset = AuditLines.epochNanos(Instant.now()) - nanoClock.getAsLong();
        this.politeness = politeness;
        this.state = state;
        this.lock = state.lock();
        this.changed = lock.newCondition();
        this.pace = new HostPace(politeness.adaptive());
        this.scope = scope;
        this.maxInFlight = maxInFlight;
        this.nanoClock = nanoClock;
        lock.lock();
        try {
            enqueue(state.openUrls());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Admission offer(CrawlUrl url) {
        lock.lock();
        try {
            if (stopped) {
                return Admission.STOPPED;
            }
            if (!scope.allows(url)) {
                return Admission.OUT_OF_SCOPE;
            }
            CrawlState.Effect effect = state.apply(new Transition.Offer(url));
            enqueue(effect.admitted());
            return effect.verdict();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Lease> next() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (true) {
                if (isOver()) {
                    changed.signalAll();
                    return Optional.empty();
                }
                Optional<Lease> lease = pollLocked();
                if (lease.isPresent()) {
                    if (!ready.isEmpty()) {
                        changed.signal();
                    }
                    return lease;
                }
                if (ready.isEmpty() || inFlight >= maxInFlight) {
                    changed.await();
                } else {
                    long wait = ready.first().nextAllowedNanos - nanoClock.getAsLong();
                    changed.awaitNanos(Math.max(wait, TimeUnit.MICROSECONDS.toNanos(50)));
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Lease> poll() {
        lock.lock();
        try {
            return isOver() ? Optional.empty() : pollLocked();
        } finally {
            lock.unlock();
        }
    }

    private Optional<Lease> pollLocked() {
        while (!ready.isEmpty() && inFlight < maxInFlight) {
            long now = nanoClock.getAsLong();
            HostQueue host = ready.first();
            if (host.nextAllowedNanos > now) {
                return Optional.empty();
            }
            unschedule(host);
            Optional<Lease> lease = leaseFrom(host, now);
            schedule(host);
            if (lease.isPresent()) {
                return lease;
            }
        }
        return Optional.empty();
    }

    private Optional<Lease> leaseFrom(HostQueue host, long now) {
        host.waitingFor = Optional.empty();
        if (host.rulesState == HostQueue.RulesState.UNKNOWN) {
            host.rulesState = HostQueue.RulesState.LOADING;
            return Optional.of(started(host, new Lease(host.urls.peekFirst(), Lease.Kind.ROBOTS), now));
        }
        if (host.sitemapsWanted) {
            planSitemaps(host);
        }
        while (!host.sitemaps.isEmpty()) {
            String sitemap = host.sitemaps.pollFirst();
            if (host.rules.allows(sitemap)) {
                host.sitemapsInFlight++;
                return Optional.of(started(host, new Lease(CrawlUrl.of(sitemap, 0), Lease.Kind.SITEMAP), now));
            }
        }
        if (host.sitemapsInFlight > 0) {
            return Optional.empty(); // pages wait until the sitemaps are read; not eligible, so not polled again
        }
        CrawlUrl queuedUrl = host.urls.pollFirst();
        queued--;
        // a shorter path may have been found since it was queued
        CrawlUrl url = queuedUrl.atDepth(state.current(queuedUrl.url()).orElse(queuedUrl).depth());
        if (!host.rules.allows(url.url())) {
            return Optional.of(new Lease(url, Lease.Kind.DISALLOWED, host.rules.toString(), host.rules.failure()));
        }
        Optional<TrapGuard.Stop> trap = state.lease(url);
        if (trap.isPresent()) {
            return Optional.of(new Lease(url, Lease.Kind.DISALLOWED, trap.get().reason(),
                    Optional.of(trap.get().kind())));
        }
        return Optional.of(started(host, new Lease(url, Lease.Kind.FETCH), now));
    }

    /** Counts {@code lease}'s request as in flight on {@code host} and as not yet sent; returns the lease. */
    private Lease started(HostQueue host, Lease lease, long now) {
        host.leased(lease, now);
        inFlight++;
        return lease;
    }

    /**
     * The sitemaps of a seed host, once its robots.txt is known: those its {@code Sitemap:} lines name, and
     * {@code /sitemap.xml} of the seed's origin.
     */
    private void planSitemaps(HostQueue host) {
        host.sitemapsWanted = false;
        host.sitemapsPlanned = true;
        CrawlUrl seed = host.urls.peekFirst();
        queueSitemaps(host, host.rules.sitemaps());
        queueSitemaps(host, List.of(UrlNormalizer.origin(seed.url()) + "/sitemap.xml"));
    }

    /**
     * Queues sitemaps to read on {@code host}: only its own (a sitemap elsewhere would be a request to a host
     * whose politeness lives in another queue, or another process), in scope, each once, at most
     * {@link #MAX_SITEMAPS_PER_HOST}. robots.txt is checked when one is leased.
     */
    private void queueSitemaps(HostQueue host, List<String> urls) {
        for (String raw : urls) {
            Optional<String> normalized = SITEMAP_URLS.normalize(raw);
            if (normalized.isEmpty() || !UrlNormalizer.hostKey(normalized.get()).equals(host.host)
                    || !scope.allows(normalized.get()) || host.sitemapsQueued.size() >= MAX_SITEMAPS_PER_HOST
                    || !host.sitemapsQueued.add(normalized.get())) {
                continue;
            }
            host.sitemaps.addLast(normalized.get());
        }
    }

    private static final UrlNormalizer SITEMAP_URLS = new UrlNormalizer();

    @Override
    public void sitemapLoaded(Lease lease, List<String> sitemaps, List<String> pages) {
        for (String page : sitemapPages(lease, pages)) {
            offer(CrawlUrl.of(page, 1));
        }
        lock.lock();
        try {
            HostQueue host = release(lease);
            host.sitemapsInFlight--;
            queueSitemaps(host, sitemaps);
            schedule(host);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Of the page URLs a sitemap of {@code lease}'s host listed, those within the host's
     * {@code politeness.max-sitemap-urls}, counted against it: the ones the producer then offers.
     */
    public List<String> sitemapPages(Lease lease, List<String> pages) {
        requireKind(lease, Lease.Kind.SITEMAP);
        lock.lock();
        try {
            HostQueue host = hosts.get(lease.url().host());
            int room = (int) Math.max(0, Math.min(pages.size(), politeness.maxSitemapUrls() - host.sitemapPages));
            host.sitemapPages += room;
            return List.copyOf(pages.subList(0, room));
        } finally {
            lock.unlock();
        }
    }

    /** Queues newly admitted URLs on their hosts. */
    private void enqueue(List<CrawlUrl> admitted) {
        for (CrawlUrl url : admitted) {
            HostQueue host = hosts.computeIfAbsent(url.host(), name -> new HostQueue(
                    name, hosts.size(), politeness.delay(), politeness.robots(), nanoClock.getAsLong()));
            unschedule(host);
            if (url.depth() == 0 && politeness.sitemaps() && !host.sitemapsPlanned) {
                host.sitemapsWanted = true; // a seed: read the host's sitemaps before its pages
            }
            host.urls.addLast(url);
            queued++;
            schedule(host);
        }
        if (!admitted.isEmpty()) {
            changed.signalAll();
        }
    }

    @Override
    public void robotsLoaded(Lease lease, RobotsRules rules) {
        requireKind(lease, Lease.Kind.ROBOTS);
        lock.lock();
        try {
            HostQueue host = hosts.get(lease.url().host());
            unschedule(host);
            long now = nanoClock.getAsLong();
            inFlight--;
            // told even when nothing was sent (rules from the cache): a robots.txt lease is the host's only one
            // in flight, so its end frees no other's slot, and its Crawl-delay holds from here either way
            note(new AuditEvent.Ended(now + epochOffset, host.host, robotsUrl(lease.url()),
                    rules.retryAfter().isPresent() ? Optional.empty() : rules.crawlDelay()));
            if (rules.retryAfter().isPresent() && ++host.robotsFailures < MAX_ROBOTS_ATTEMPTS) {
                host.ended(lease, now);
                String why = rules instanceof RobotsRules.Unreachable u ? u.why() : rules.toString();
                host.waitingFor = Optional.of("robots.txt " + why + " (try " + (host.robotsFailures + 1) + " of "
                        + MAX_ROBOTS_ATTEMPTS + ")");
                host.rulesState = HostQueue.RulesState.UNKNOWN;
                host.nextAllowedNanos = Math.max(host.nextAllowedNanos, now + rules.retryAfter().get().toNanos());
                schedule(host);
                changed.signalAll();
                return;
            }
            host.rules = rules;
            host.rulesState = HostQueue.RulesState.KNOWN;
            rules.crawlDelay().ifPresent(asked -> {
                // the audit's own rule, so what the crawl keeps and what the audit checks cannot drift apart
                Duration gap = auditPolicy.gapFor(asked);
                if (gap.compareTo(host.delay) > 0) {
                    host.delay = gap;
                    host.nextAllowedNanos = Math.max(host.nextAllowedNanos, host.lastStartNanos + gap.toNanos());
                }
            });
            host.ended(lease, now);
            schedule(host);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void observed(Lease lease, FetchResult result) {
        if (!(result instanceof FetchResult.Fetched response)) {
            return;
        }
        lock.lock();
        try {
            HostQueue host = hosts.get(lease.url().host());
            long now = nanoClock.getAsLong();
            note(new AuditEvent.Answered(now + epochOffset, host.host, lease.url().url(), response.status(),
                    response.retryAfter()));
            // the audit's own rule, so what the crawl keeps and what the audit checks cannot drift apart
            Optional<Duration> hold = auditPolicy.holdFor(response.status(), response.retryAfter());
            long extra = pace.observe(host.host, response.status(), response.elapsed(), hold).toNanos();
            // the server's word holds whether or not adaptive politeness is on, and whatever retries are left
            long until = hold.map(pause -> now + pause.toNanos()).orElse(Long.MIN_VALUE);
            // not the ready set's sort key: the new gap applies from the request's end (release → ended); but
            // whether a lease not yet sent holds the host depends on the gap, so its place is checked again, once
            update(host, () -> {
                host.extraNanos = extra;
                host.nextAllowedNanos = Math.max(host.nextAllowedNanos, until);
            });
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void sent(Lease lease) {
        if (lease.kind() == Lease.Kind.DISALLOWED) {
            throw new IllegalArgumentException("a DISALLOWED lease sends no request: " + lease);
        }
        lock.lock();
        try {
            HostQueue host = hosts.get(lease.url().host());
            long now = nanoClock.getAsLong();
            OptionalLong leased = host.leasedAt(lease);
            if (leased.isPresent()) { // the first word of a request still in flight
                note(new AuditEvent.Sent(now + epochOffset, leased.getAsLong() + epochOffset, host.host, auditUrl(lease),
                        switch (lease.kind()) {
                    case ROBOTS -> AuditEvent.Kind.ROBOTS;
                    case SITEMAP -> AuditEvent.Kind.SITEMAP;
                    default -> AuditEvent.Kind.PAGE;
                }));
            }
            update(host, () -> host.sent(lease, now));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Map<String, String> slowed() {
        lock.lock();
        try {
            return pace.slowed();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void fetched(Lease lease) {
        requireKind(lease, Lease.Kind.FETCH);
        lock.lock();
        try {
            schedule(release(lease));
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void retry(Lease lease, Duration after) {
        retry(lease, after, "retry");
    }

    @Override
    public void retry(Lease lease, Duration after, String why) {
        requireKind(lease, Lease.Kind.FETCH);
        lock.lock();
        try {
            HostQueue host = release(lease);
            host.waitingFor = Optional.of(why + ", retrying " + lease.url().url());
            state.apply(new Transition.Retry(lease.url().url()));
            host.urls.addFirst(state.current(lease.url().url()).orElse(lease.url().nextAttempt()));
            queued++;
            host.nextAllowedNanos = Math.max(host.nextAllowedNanos, nanoClock.getAsLong() + after.toNanos());
            schedule(host);
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void complete(Lease lease, List<String> links) {
        if (lease.kind() == Lease.Kind.ROBOTS) {
            throw new IllegalArgumentException("a ROBOTS lease is answered with robotsLoaded, not complete: " + lease);
        }
        List<String> inScope = links.stream().filter(scope::allows).toList();
        lock.lock();
        try {
            CrawlState.Effect effect = state.apply(
                    new Transition.Complete(lease.url().url(), lease.kind() == Lease.Kind.FETCH, inScope));
            if (!stopped) {
                enqueue(effect.admitted());
            }
            if (isOver()) {
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void stop() {
        lock.lock();
        try {
            stopped = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isFinished() {
        lock.lock();
        try {
            return isOver();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<HostWait> waiting() {
        lock.lock();
        try {
            long now = nanoClock.getAsLong();
            List<HostWait> out = new ArrayList<>();
            for (HostQueue host : hosts.values()) {
                if (host.waitingFor.isPresent() && !host.urls.isEmpty()) {
                    out.add(new HostWait(host.host, host.waitingFor.get(),
                            Duration.ofNanos(Math.max(0, host.nextAllowedNanos - now))));
                }
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Snapshot snapshot() {
        lock.lock();
        try {
            return new Snapshot(queued, inFlight, state.outstanding(), hosts.size(), state.seen(), state.droppedOverBudget());
        } finally {
            lock.unlock();
        }
    }

    private boolean isOver() {
        return stopped || (!openEnded && state.isIdle());
    }

    /**
     * Keeps the crawl going while nothing is outstanding, because more URLs may still be offered from
     * outside (a processes-mode child waits for its coordinator). {@link #endWhenIdle()} undoes it.
     */
    public void keepOpen() {
        lock.lock();
        try {
            openEnded = true;
        } finally {
            lock.unlock();
        }
    }

    /** Ends the crawl as soon as nothing is outstanding (at once if nothing is). */
    public void endWhenIdle() {
        lock.lock();
        try {
            openEnded = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void schedule(HostQueue host) {
        if (!host.scheduled && host.eligible(politeness.perHost())) {
            host.scheduled = true;
            ready.add(host);
        }
    }

    /**
     * Applies {@code change} to the host's clock or eligibility out of the ready set (whose order it may
     * change), then puts the host back if it is eligible, waking a waiter if it was not ready before.
     */
    private void update(HostQueue host, Runnable change) {
        boolean wasReady = host.scheduled;
        unschedule(host);
        change.run();
        schedule(host);
        if (!wasReady && host.scheduled) {
            changed.signal();
        }
    }

    private void unschedule(HostQueue host) {
        if (host.scheduled) {
            ready.remove(host);
            host.scheduled = false;
        }
    }

    /** Frees the host slot of a finished request; the host stays out of the ready set until rescheduled. */
    private HostQueue release(Lease lease) {
        HostQueue host = hosts.get(lease.url().host());
        unschedule(host);
        long now = nanoClock.getAsLong();
        if (host.leasedAt(lease).isEmpty()) { // a request that never went out is no fact for the audit
            note(new AuditEvent.Ended(now + epochOffset, host.host, lease.url().url(), Optional.empty()));
        }
        host.ended(lease, now);
        inFlight--;
        return host;
    }

    /** Tells the audit (if this frontier audits), and the trail, a politeness fact. */
    private void note(AuditEvent event) {
        if (audit.isPresent()) {
            audit.get().accept(event);
        }
        trail.record(event);
    }

    /** The URL a lease's request asks for: its page, its sitemap, or its origin's robots.txt. */
    private static String auditUrl(Lease lease) {
        return lease.kind() == Lease.Kind.ROBOTS ? robotsUrl(lease.url()) : lease.url().url();
    }

    /** The robots.txt URL of {@code url}'s origin. */
    private static String robotsUrl(CrawlUrl url) {
        return UrlNormalizer.origin(url.url()) + "/robots.txt";
    }

    @Override
    public Optional<AuditReport> politeness() {
        lock.lock();
        try {
            return audit.map(PolitenessAudit::report);
        } finally {
            lock.unlock();
        }
    }

    private static void requireKind(Lease lease, Lease.Kind kind) {
        if (lease.kind() != kind) {
            throw new IllegalArgumentException("expected a " + kind + " lease: " + lease);
        }
    }
}
