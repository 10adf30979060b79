package dev.trawl.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Server-side accounting for one host: requests per URL, requests in flight and the most ever in
 * flight at once, the arrival time of every request, in arrival order, and the time each response
 * started to be written.
 *
 * <p>Thread-safe: all state is guarded by one lock, held only for a few field updates, so readers see
 * a consistent snapshot (the start times always number exactly the total hits). Times are kept for
 * every request, 16 bytes each, for as long as the host lives.
 */
final class HostStats {

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Integer> hits = new HashMap<>();
    private long[] startNanos = new long[1024];
    private int requests;
    private long[] answeredNanos = new long[1024];
    private int answered;
    private int inFlight;
    private int maxInFlight;

    /**
     * Records that a request for {@code url} arrived at {@code arrivedNanos} ({@link System#nanoTime()}).
     * Every call must be followed by exactly one {@link #answered} or {@link #end()}. Calls may come a
     * little out of arrival order (each request's handler thread is scheduled on its own), so the time is
     * inserted in order.
     */
    void begin(String url, long arrivedNanos) {
        lock.lock();
        try {
            if (requests == startNanos.length) {
                startNanos = Arrays.copyOf(startNanos, requests * 2);
            }
            int at = requests;
            while (at > 0 && startNanos[at - 1] > arrivedNanos) {
                at--;
            }
            System.arraycopy(startNanos, at, startNanos, at + 1, requests - at);
            startNanos[at] = arrivedNanos;
            requests++;
            hits.merge(url, 1, Integer::sum);
            inFlight++;
            maxInFlight = Math.max(maxInFlight, inFlight);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Records that a response starts to be written now ({@code nanos}, {@link System#nanoTime()}, taken
     * before its first byte goes out), so its request no longer counts as in flight.
     */
    void answered(long nanos) {
        lock.lock();
        try {
            if (answered == answeredNanos.length) {
                answeredNanos = Arrays.copyOf(answeredNanos, answered * 2);
            }
            answeredNanos[answered++] = nanos;
            inFlight--;
        } finally {
            lock.unlock();
        }
    }

    /** Records that a request was dropped unanswered (the server is closing): no longer in flight. */
    void end() {
        lock.lock();
        try {
            inFlight--;
        } finally {
            lock.unlock();
        }
    }

    int hits(String url) {
        lock.lock();
        try {
            return hits.getOrDefault(url, 0);
        } finally {
            lock.unlock();
        }
    }

    /** Copies every URL's hits into {@code into}. */
    void copyHits(Map<String, Integer> into) {
        lock.lock();
        try {
            into.putAll(hits);
        } finally {
            lock.unlock();
        }
    }

    int maxInFlight() {
        lock.lock();
        try {
            return maxInFlight;
        } finally {
            lock.unlock();
        }
    }

    long requests() {
        lock.lock();
        try {
            return requests;
        } finally {
            lock.unlock();
        }
    }

    /** When each response started to be written, in that order. */
    List<Long> answeredNanos() {
        lock.lock();
        try {
            List<Long> copy = new ArrayList<>(answered);
            for (int i = 0; i < answered; i++) {
                copy.add(answeredNanos[i]);
            }
            return copy;
        } finally {
            lock.unlock();
        }
    }

    List<Long> startNanos() {
        lock.lock();
        try {
            List<Long> copy = new ArrayList<>(requests);
            for (int i = 0; i < requests; i++) {
                copy.add(startNanos[i]);
            }
            return copy;
        } finally {
            lock.unlock();
        }
    }
}
