package dev.trawl.mode;

import dev.trawl.frontier.Frontier;
import dev.trawl.frontier.Lease;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code --mode threads}: a fixed pool of platform threads ({@code trawl-fetch-N}), each looping
 * lease → blocking fetch → parse → put. Concurrency is the pool size; the OS schedules the threads.
 */
final class ThreadsScheduler implements Scheduler {
    private final int producers;

    ThreadsScheduler(int producers) {
        this.producers = producers;
    }

    @Override
    public void run(Frontier frontier, Producer producer) throws InterruptedException {
        List<Future<Void>> loops = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(producers, Threads.platform("trawl-fetch-"))) {
            for (int i = 0; i < producers; i++) {
                loops.add(pool.submit(() -> {
                    for (Optional<Lease> lease = frontier.next(); lease.isPresent(); lease = frontier.next()) {
                        producer.handle(lease.get());
                    }
                    return null;
                }));
            }
            for (Future<Void> loop : loops) {
                await(loop, frontier);
            }
        }
    }

    /** Waits for one producer loop; a loop that died stops the crawl, then its error is thrown. */
    private static void await(Future<?> loop, Frontier frontier) throws InterruptedException {
        try {
            loop.get();
        } catch (ExecutionException e) {
            frontier.stop();
            throw new CrawlFailedException("a producer failed: " + e.getCause(), e.getCause());
        }
    }
}
