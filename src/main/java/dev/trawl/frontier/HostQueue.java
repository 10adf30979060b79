package dev.trawl.frontier;

import dev.trawl.robots.RobotsRules;
import java.time.Duration;
import java.util.ArrayDeque;

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
    /** Earliest {@code System.nanoTime()} at which the next request may start. */
    long nextAllowedNanos;
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
        return !urls.isEmpty() && switch (rulesState) {
            case UNKNOWN -> inFlight == 0;
            case LOADING -> false;
            case KNOWN -> inFlight < perHostCap && (sitemapsWanted || !sitemaps.isEmpty() || sitemapsInFlight == 0);
        };
    }

    /** Whether the host's pages still wait for its sitemaps (to plan, queued or being read). */
    boolean readingSitemaps() {
        return sitemapsWanted || !sitemaps.isEmpty() || sitemapsInFlight > 0;
    }

    /** Records the start of a request to this host now. */
    void started(long nowNanos) {
        inFlight++;
        lastStartNanos = nowNanos;
        nextAllowedNanos = Math.max(nextAllowedNanos, nowNanos + gapNanos());
    }

    /** The gap the next request keeps: the delay (or Crawl-delay) plus the adaptive extra. */
    long gapNanos() {
        long base = delay.toNanos();
        return base > Long.MAX_VALUE - extraNanos ? Long.MAX_VALUE : base + extraNanos;
    }

    /**
     * Records the end of a request to this host now: the next one waits a full delay from here too, so
     * the server sees the gap even when the request took time to arrive.
     */
    void ended(long nowNanos) {
        inFlight--;
        nextAllowedNanos = Math.max(nextAllowedNanos, nowNanos + gapNanos());
    }

    @Override
    public String toString() {
        return host + "[queued=" + urls.size() + ", inFlight=" + inFlight + ", " + rulesState + "]";
    }
}
