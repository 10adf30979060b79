package dev.trawl.frontier;

import dev.trawl.robots.RobotsRules;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One host's waiting URLs and politeness state. Not thread-safe: {@link MemoryFrontier} guards every
 * instance with its lock.
 */
final class HostQueue {

    /** Whether the host's robots.txt rules are known yet. */
    enum RulesState { UNKNOWN, LOADING, KNOWN }

    final String host;
    final long seq;
    final ArrayDeque<CrawlUrl> urls = new ArrayDeque<>();
    int inFlight;
    /**
     * Leases in flight whose request has not gone out yet ({@link Frontier#sent}), a subset of {@link #inFlight},
     * each with when it was leased: the audit holds a request to what was known then.
     */
    final Map<Lease, Long> unsent = new HashMap<>();
    /** Earliest {@code System.nanoTime()} at which the next request may start. */
    long nextAllowedNanos;
    /** When the last request went out (or, not sent yet, was leased). */
    long lastStartNanos;
    Duration delay;
    /** The adaptive extra gap ({@link HostPace}) on top of {@link #delay}, in nanoseconds. */
    long extraNanos;
    RulesState rulesState;
    RobotsRules rules = RobotsRules.ALLOW_ALL;
    int robotsFailures;
    /** Why the host is held back by a failure, until its next lease; empty when it is not. */
    java.util.Optional<String> waitingFor = java.util.Optional.empty();
    /** A seed is queued here and the host's sitemaps are to be planned once its robots.txt is known. */
    boolean sitemapsWanted;
    /** Whether the host's sitemaps were planned (once per crawl). */
    boolean sitemapsPlanned;
    /** Sitemaps of this host still to read; its pages wait until they are read. */
    final ArrayDeque<String> sitemaps = new ArrayDeque<>();
    /** Every sitemap ever queued here, so an index that lists itself or loops is read once. */
    final java.util.Set<String> sitemapsQueued = new java.util.HashSet<>();
    int sitemapsInFlight;
    /** Page URLs taken from this host's sitemaps so far, against {@code politeness.max-sitemap-urls}. */
    long sitemapPages;
    /** Whether the host is in the frontier's ready set; its sort key must not change while it is. */
    boolean scheduled;

    HostQueue(String host, long seq, Duration delay, boolean robotsRequired, long nowNanos) {
        this.host = host;
        this.seq = seq;
        this.delay = delay;
        this.rulesState = robotsRequired ? RulesState.UNKNOWN : RulesState.KNOWN;
        this.nextAllowedNanos = nowNanos;
    }

    /** Whether the host could be given a lease once its clock allows. */
    boolean eligible(int perHostCap) {
        return !urls.isEmpty() && !awaitingSend() && switch (rulesState) {
            case UNKNOWN -> inFlight == 0;
            case LOADING -> false;
            case KNOWN -> inFlight < perHostCap && (sitemapsWanted || !sitemaps.isEmpty() || sitemapsInFlight == 0);
        };
    }

    /**
     * Whether the host waits for a leased request to go out before it is given another lease: when its
     * requests keep a gap, the next one's clock can only start once the last has gone out. Without a gap
     * nothing waits, so leases to the host never queue behind one another's connects.
     */
    boolean awaitingSend() {
        return !unsent.isEmpty() && gapNanos() > 0;
    }

    /**
     * Records a lease of a request to this host now: in flight, not yet sent. Its clock moves to now at least,
     * so that hosts without a gap take turns.
     */
    void leased(Lease lease, long nowNanos) {
        inFlight++;
        unsent.put(lease, nowNanos);
        lastStartNanos = nowNanos;
        nextAllowedNanos = Math.max(nextAllowedNanos, nowNanos + gapNanos());
    }

    /** When {@code lease} was leased, while its request has not gone out; empty once it has (or has ended). */
    OptionalLong leasedAt(Lease lease) {
        Long at = unsent.get(lease);
        return at == null ? OptionalLong.empty() : OptionalLong.of(at);
    }

    /**
     * Records that {@code lease}'s request went out now: the next request keeps the gap from here. Changes
     * nothing if the lease was not waiting to go out (told before, or ended).
     */
    void sent(Lease lease, long nowNanos) {
        if (unsent.remove(lease) != null) {
            lastStartNanos = nowNanos;
            nextAllowedNanos = Math.max(nextAllowedNanos, nowNanos + gapNanos());
        }
    }

    /** The gap the next request keeps: the delay (or Crawl-delay) plus the adaptive extra. */
    long gapNanos() {
        long base = delay.toNanos();
        return base > Long.MAX_VALUE - extraNanos ? Long.MAX_VALUE : base + extraNanos;
    }

    /**
     * Records the end of {@code lease}'s request now, sent or not: the next one waits a full gap from here
     * too, so the server sees the gap even when the response took time to arrive.
     */
    void ended(Lease lease, long nowNanos) {
        inFlight--;
        unsent.remove(lease);
        nextAllowedNanos = Math.max(nextAllowedNanos, nowNanos + gapNanos());
    }

    @Override
    public String toString() {
        return host + "[queued=" + urls.size() + ", inFlight=" + inFlight + ", unsent=" + unsent.size() + ", "
                + rulesState + "]";
    }
}
