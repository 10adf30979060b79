package dev.trawl.audit;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An {@link AuditTrail} that hands facts, in the order recorded, to a {@link Destination} (a log file, a
 * pipe) in batches of {@link AuditLines} lines, on a thread of its own: {@link #record} only queues, so the
 * frontier never waits on a disk or a pipe under its lock, and a fact is formatted on this thread, once (a
 * line that came formatted, {@link #record(AuditEvent, String)}, is passed on as it is). The queue is
 * unbounded; its writer keeps up with any crawl (a line per fact, a few facts per request).
 *
 * <p>Thread-safe. Owns its thread (named as given), which {@link #close()} drains and joins; then closes the
 * destination. A destination that fails is written no more, and {@link #failure()} says why.
 */
public final class AuditRecorder implements AuditTrail, AutoCloseable {
    /**
     * Where batches go: each fact as its line ({@link AuditLines#format}), without the line break. The list is the
     * recorder's own and is cleared once {@code write} returns: a destination that keeps the lines copies them.
     */
    public interface Destination extends Closeable {
        void write(List<String> lines) throws IOException;

        @Override
        default void close() throws IOException {}
    }

    /** The most facts handed over at once. */
    private static final int MAX_BATCH = 4096;
    /** Marks the end of the queue; compared by identity. */
    private static final Queued END = new Line("");

    /** A fact waiting for the writer: to be formatted there, or already a line. */
    private sealed interface Queued {
        String line();
    }

    private record Fact(AuditEvent event) implements Queued {
        @Override
        public String line() {
            return AuditLines.format(event);
        }
    }

    private record Line(String line) implements Queued {}

    private final LinkedBlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
    private final Destination destination;
    private final Thread writer;
    private final AtomicReference<IOException> failure = new AtomicReference<>();
    private volatile boolean closed;

    public AuditRecorder(String threadName, Destination destination) {
        this.destination = destination;
        this.writer = Thread.ofPlatform().name(threadName).daemon().start(this::drain);
    }

    @Override
    public void record(AuditEvent event) {
        if (!closed) {
            queue.add(new Fact(event));
        }
    }

    @Override
    public void record(AuditEvent event, String line) {
        if (!closed) {
            queue.add(new Line(line));
        }
    }

    private void drain() {
        List<Queued> batch = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            boolean end = batch.removeIf(e -> e == END);
            if (!batch.isEmpty() && failure.get() == null) {
                try {
                    batch.forEach(queued -> lines.add(queued.line()));
                    destination.write(lines);
                } catch (IOException e) {
                    failure.compareAndSet(null, e);
                } catch (UncheckedIOException e) {
                    failure.compareAndSet(null, e.getCause());
                }
            }
            batch.clear();
            lines.clear();
            if (end) {
                return;
            }
        }
    }

    /** Why the destination could not be written, if it could not. */
    public Optional<IOException> failure() {
        return Optional.ofNullable(failure.get());
    }

    /** Writes what is queued, ends the thread, and closes the destination. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(END);
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        try {
            destination.close();
        } catch (IOException e) {
            failure.compareAndSet(null, e);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
