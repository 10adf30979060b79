package dev.trawl.mode.process;

import dev.trawl.frontier.Frontier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The coordinator's side of {@link Message.Pace}: what its children last said of their hosts' pace, put
 * together for the progress line (hosts a failure holds back) and the summary (hosts adaptive politeness
 * slowed), as an in-process crawl's frontier tells them itself.
 *
 * <p>A host belongs to one child, so children never speak of the same host, but a restarted child
 * starts afresh: its predecessor's waits are forgotten (its URLs are re-queued, its hosts asked anew),
 * while the hosts it slowed stay slowed in the summary, since their servers did push back.
 *
 * <p>Thread-safe: each child's reader thread reports here, the progress line and the summary read.
 */
final class HostPaces {
    /** A child's waits and when they were heard, to count down their time left from. */
    private record Heard(List<Frontier.HostWait> waits, long atNanos) {}

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Integer, Heard> waiting = new HashMap<>();
    private final Map<String, String> slowed = new TreeMap<>();

    /** Worker {@code workerId} said {@code pace} at {@code nowNanos} ({@link System#nanoTime()}). */
    void heard(int workerId, Message.Pace pace, long nowNanos) {
        lock.lock();
        try {
            waiting.put(workerId, new Heard(pace.waiting(), nowNanos));
            slowed.putAll(pace.slowed());
        } finally {
            lock.unlock();
        }
    }

    /** Worker {@code workerId}'s process is gone (ended or to be restarted): none of its hosts waits now. */
    void gone(int workerId) {
        lock.lock();
        try {
            waiting.remove(workerId);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The hosts held back now over all children, in host order, each wait's time left counted down from when
     * it was heard (never below zero).
     */
    List<Frontier.HostWait> waiting(long nowNanos) {
        lock.lock();
        try {
            List<Frontier.HostWait> out = new ArrayList<>();
            for (Heard heard : waiting.values()) {
                Duration since = Duration.ofNanos(Math.max(0, nowNanos - heard.atNanos()));
                for (Frontier.HostWait wait : heard.waits()) {
                    Duration left = wait.left().minus(since);
                    out.add(new Frontier.HostWait(wait.host(), wait.why(), left.isNegative() ? Duration.ZERO : left));
                }
            }
            out.sort(Comparator.comparing(Frontier.HostWait::host));
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** Every host a child said it slowed, with the latest why, in host order. */
    Map<String, String> slowed() {
        lock.lock();
        try {
            return new TreeMap<>(slowed);
        } finally {
            lock.unlock();
        }
    }
}
