package dev.trawl.mode;

import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.Lease;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code --mode virtual}: one virtual thread per lease, running the same blocking code as the threads
 * mode. Concurrency is bounded by the frontier (per-host caps, {@code max-in-flight}) and by a semaphore
 * of {@code max-in-flight} permits that also covers parsing and the hand-off, not by a pool size.
 * Blocking I/O parks the virtual thread and frees its carrier: OkHttp 5 guards its state with
 * {@code ReentrantLock}, and JDK 24+ no longer pins on {@code synchronized}.
 */
final class VirtualScheduler implements Scheduler {
    private final int maxInFlight;

    VirtualScheduler(int maxInFlight) {
        this.maxInFlight = maxInFlight;
    }

    @Override
    public void run(Frontier frontier, Producer producer) throws InterruptedException {
        Semaphore permits = new Semaphore(maxInFlight);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (ExecutorService perLease = Executors.newThreadPerTaskExecutor(Threads.virtual("trawl-vfetch-"))) {
            while (true) {
                permits.acquire();
                Optional<Lease> lease = frontier.next();
                if (lease.isEmpty()) {
                    permits.release();
                    break;
                }
                perLease.execute(() -> {
                    try {
                        producer.handle(lease.get());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException | Error e) {
                        failure.compareAndSet(null, e);
                        frontier.stop();
                    } finally {
                        permits.release();
                    }
                });
            }
        }
        Throwable error = failure.get();
        if (error != null) {
            throw new CrawlFailedException("a producer failed: " + error, error);
        }
    }
}
