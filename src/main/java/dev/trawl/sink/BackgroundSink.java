package dev.trawl.sink;

import dev.trawl.fetch.WireExchange;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one {@link RecordWriter} on a thread of its own ({@code trawl-sink-NAME}), fed by a bounded queue:
 * crawl threads only enqueue, and block when the writer falls behind (backpressure, bounded memory). The
 * thread takes them in batches, a few milliseconds' worth at a time.
 *
 * <p>A write that fails is kept: the next {@link #write} or {@link #archive} throws an
 * {@link OutputFailedException} naming the output, which stops the crawl. The thread goes on taking (and
 * dropping) items so that no crawl thread stays blocked on a full queue. {@link #close()} lets the writer
 * finish what was queued, closes it and joins the thread. Thread-safe.
 */
final class BackgroundSink implements Sink {
    private static final int CAPACITY = 256;
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** How long the thread waits for more items once one arrives (see {@link #run}). */
    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final Object END = new Object();

    private final RecordWriter writer;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread thread;
    private volatile OutputFailedException failure;
    private volatile boolean closed;

    BackgroundSink(RecordWriter writer, String threadName) {
        this.writer = writer;
        this.thread = Thread.ofPlatform().name("trawl-sink-" + threadName).start(this::run);
    }

    @Override
    public void write(CrawlRecord record) {
        put(new RecordJson(record));
    }

    /** Writes a record whose JSON text other outputs may share ({@link Outputs}). */
    void write(RecordJson record) {
        put(record);
    }

    @Override
    public void archive(WireExchange exchange) {
        put(exchange);
    }

    @Override
    public void archiveForRecord(WireExchange exchange) {
        put(new Held(exchange));
    }

    /** An exchange to be held until its page's record ({@link RecordWriter#hold}). */
    private record Held(WireExchange exchange) {}

    @Override
    public boolean archives() {
        return writer.archives();
    }

    private void put(Object item) {
        throwIfFailed();
        if (closed) {
            throw new IllegalStateException("output " + writer.name() + " is closed");
        }
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutputFailedException(writer.name(), new InterruptedIOException("interrupted while queueing"));
        }
    }

    private void throwIfFailed() {
        OutputFailedException failed = failure;
        if (failed != null) {
            throw failed;
        }
    }

    /** A question for the writer's thread, answered once everything queued before it is written. */
    private record Barrier(boolean force, CompletableFuture<Long> answer) {}

    /** Waits until the writer has written out everything queued so far, and returns the file's length. */
    @Override
    public long flushedPosition() {
        return ask(false);
    }

    /** Waits until the writer has forced everything queued so far to the disk. */
    @Override
    public void force() {
        ask(true);
    }

    private long ask(boolean force) {
        Barrier barrier = new Barrier(force, new CompletableFuture<>());
        put(barrier);
        try {
            return barrier.answer().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutputFailedException(writer.name(), new InterruptedIOException("interrupted while syncing"));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new OutputFailedException(writer.name(), new IOException(e.getCause().toString(), e.getCause()));
        }
    }

    /** Records reach the writer in the background; the writer flushes when idle. */
    @Override
    public void flush() {
        throwIfFailed();
    }

    /** Finishes the queued items, closes the writer and joins its thread; throws if the output failed. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            boolean interrupted = false;
            while (true) {
                try {
                    queue.put(END);
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        throwIfFailed();
    }

    /**
     * Takes items in batches: when it has caught up and one arrives, the thread lingers
     * {@link #LINGER_NANOS} for more before it writes them all (never while items wait: a writer behind the
     * crawl drains at once), so that it wakes about a hundred times a second rather than once a record (each
     * crawl thread's put otherwise woke it: a futex wake, two context switches and, for a text output, the
     * flush of {@link RecordWriter#idle} per record, on each of up to four writer threads). A barrier or the
     * end is answered without lingering.
     */
    private void run() {
        List<Object> batch = new ArrayList<>(CAPACITY);
        try {
            while (true) {
                Object first = queue.poll();
                if (first == null) { // caught up: wait for the next item, then linger for more
                    first = queue.poll(IDLE_NANOS, TimeUnit.NANOSECONDS);
                    if (first == null) {
                        idle();
                        continue;
                    }
                    if (first != END && !(first instanceof Barrier)) {
                        LockSupport.parkNanos(LINGER_NANOS);
                    }
                }
                batch.add(first);
                queue.drainTo(batch);
                boolean ended = false;
                for (Object item : batch) {
                    if (item == END) {
                        ended = true;
                        break;
                    }
                    take(item);
                }
                batch.clear();
                if (ended) {
                    break;
                }
                if (queue.isEmpty()) {
                    idle();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                writer.close();
            } catch (IOException | RuntimeException | Error e) {
                if (failure == null) {
                    fail(e);
                }
            }
        }
    }

    /** Writes one item, answers a barrier, or, once the output failed, drops it. */
    private void take(Object item) {
        if (failure != null) {
            if (item instanceof Barrier barrier) {
                barrier.answer().completeExceptionally(failure);
            }
            return; // drop: the crawl is stopping, and nobody may block on a full queue
        }
        if (item instanceof Barrier barrier) {
            try {
                if (barrier.force()) {
                    writer.force();
                    barrier.answer().complete(0L);
                } else {
                    barrier.answer().complete(writer.position());
                }
            } catch (IOException | RuntimeException | Error e) {
                barrier.answer().completeExceptionally(e instanceof IOException io
                        ? new OutputFailedException(writer.name(), io) : e);
            }
            return;
        }
        try {
            if (item instanceof RecordJson record) {
                writer.write(record);
            } else if (item instanceof WireExchange exchange) {
                writer.archive(exchange);
            } else if (item instanceof Held held) {
                writer.hold(held.exchange());
            }
        } catch (IOException | RuntimeException | Error e) {
            // an Error too (a stack overflow on a pathological record, memory): were this thread to die, the
            // failure would go unsaid and every producer would block on the full queue for good
            fail(e);
        }
    }

    private void idle() {
        if (failure == null) {
            try {
                writer.idle(System.nanoTime());
            } catch (IOException | RuntimeException | Error e) {
                fail(e);
            }
        }
    }

    /** Keeps {@code e} as the output's failure, for the next write or close to throw. */
    private void fail(Throwable e) {
        failure = new OutputFailedException(writer.name(), e instanceof IOException io ? io : new IOException(e.toString(), e));
    }
}
