package dev.trawl.mode;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * The queue between producers and consumers, bounded twice: by a count of hand-offs and by their bytes
 * ({@link Handoff#weight}). A producer that would exceed either waits: the backpressure that bounds
 * memory. Since pages are extracted before they are queued, a hand-off is its body and its links, some
 * tens of kilobytes, not a parsed document; the byte bound keeps a run of large bodies from adding up.
 * Thread-safe.
 */
final class HandoffQueue {
    private final BlockingQueue<Handoff> queue;
    private final Semaphore bytes;
    private final int byteBudget;

    /**
     * @param capacity the most hand-offs queued at once
     * @param byteBudget the most bytes queued at once; a single larger hand-off takes the whole budget
     */
    HandoffQueue(int capacity, int byteBudget) {
        if (capacity < 1 || byteBudget < 1) {
            throw new IllegalArgumentException("queue bounds must be positive: " + capacity + ", " + byteBudget);
        }
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.bytes = new Semaphore(byteBudget);
        this.byteBudget = byteBudget;
    }

    /** The byte budget for a JVM of this heap: an eighth of it, so queued hand-offs never crowd the heap. */
    static int byteBudgetFor(long maxHeapBytes) {
        return (int) Math.clamp(maxHeapBytes / 8, 1L << 20, 1L << 30);
    }

    /** Queues {@code handoff}, waiting for room by count and by bytes. */
    void put(Handoff handoff) throws InterruptedException {
        int weight = permits(handoff);
        bytes.acquire(weight);
        try {
            queue.put(handoff);
        } catch (InterruptedException e) {
            bytes.release(weight);
            throw e;
        }
    }

    /** The next hand-off, waiting for one; its bytes are free again. */
    Handoff take() throws InterruptedException {
        Handoff handoff = queue.take();
        bytes.release(permits(handoff));
        return handoff;
    }

    /** Hand-offs queued now. */
    int size() {
        return queue.size();
    }

    /** How many more hand-offs fit by count. */
    int remainingCapacity() {
        return queue.remainingCapacity();
    }

    private int permits(Handoff handoff) {
        return (int) Math.min(handoff.weight(), byteBudget);
    }
}
