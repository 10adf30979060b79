package dev.trawl.mode.process;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One running child JVM, seen from the coordinator: its stdin (a {@link MessageWriter}), a thread
 * {@code trawl-worker-N-out} that reads its frames and hands them to a {@link Listener}, and a thread
 * {@code trawl-worker-N-stderr} that copies its log lines to the coordinator's log as {@code [worker N] }.
 * When stdout ends (a bye, a crash, a kill), the out thread reaps the process (killing it after a grace
 * period if it lingers) and reports its exit code, once.
 *
 * <p>Thread-safe: {@link #send} may be called from any thread.
 */
final class WorkerProcess {
    /** How long a child whose stdout ended may take to exit before it is killed. */
    static final long EXIT_GRACE_MILLIS = 5_000;

    /** What the coordinator hears from a child. Called on the child's out thread. */
    interface Listener {
        void onMessage(WorkerProcess worker, Message message);

        /** The child is gone and reaped; {@code problem} says why its stream ended early, if it did. */
        void onExit(WorkerProcess worker, int exitCode, Optional<String> problem);
    }

    private final int id;
    private final Process process;
    private final MessageWriter stdin;
    private final Thread out;
    private final Thread err;

    private WorkerProcess(int id, Process process, MessageCodec codec, PipeMeter pipe, PrintWriter log,
            Listener listener) {
        this.id = id;
        this.process = process;
        this.stdin = new MessageWriter(codec, new BufferedOutputStream(process.getOutputStream(), 1 << 16), pipe);
        MessageReader reader = new MessageReader(codec, process.getInputStream(), pipe);
        this.err = Thread.ofPlatform().name("trawl-worker-" + id + "-stderr").unstarted(() -> pumpLog(log));
        this.out = Thread.ofPlatform().name("trawl-worker-" + id + "-out").unstarted(() -> readAll(reader, listener));
    }

    /** Starts worker {@code id}, sends it {@code hello}, then starts reading it. */
    static WorkerProcess start(int id, WorkerLaunch launch, Message.Hello hello, MessageCodec codec, PipeMeter pipe,
            PrintWriter log, Listener listener) {
        Process process;
        try {
            process = new ProcessBuilder(launch.command(id)).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start worker " + id + " (" + launch.java() + "): " + e.getMessage(), e);
        }
        WorkerProcess worker = new WorkerProcess(id, process, codec, pipe, log, listener);
        worker.send(hello); // first, before any other thread can send to it
        worker.err.start();
        worker.out.start();
        return worker;
    }

    int id() {
        return id;
    }

    long pid() {
        return process.pid();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** Sends {@code message}; false if the child is gone (its exit is reported separately). */
    boolean send(Message message) {
        try {
            stdin.send(message);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Closes the child's stdin: after a bye, it lets the child's reader end; otherwise it stops the child. */
    void closeInput() {
        try {
            stdin.close();
        } catch (IOException e) {
            // already gone
        }
    }

    /** Kills the child at once (its exit is still reported by the out thread). */
    void kill() {
        process.destroyForcibly();
    }

    /** Waits for both threads, hence for the exit to be reported. */
    void join() throws InterruptedException {
        out.join();
        err.join();
    }

    private void readAll(MessageReader reader, Listener listener) {
        Optional<String> problem = Optional.empty();
        try {
            for (Optional<Message> m = reader.next(); m.isPresent(); m = reader.next()) {
                listener.onMessage(this, m.get());
            }
        } catch (IOException e) {
            problem = Optional.of(e.getMessage());
        } catch (RuntimeException e) {
            problem = Optional.of("coordinator failed on a message: " + e);
        }
        closeInput();
        listener.onExit(this, reap(), problem);
    }

    /** Waits for the exit, killing the child after the grace period; restores the interrupt flag if interrupted. */
    private int reap() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    if (!process.waitFor(EXIT_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                        process.destroyForcibly();
                    }
                    return process.waitFor();
                } catch (InterruptedException e) {
                    interrupted = true;
                    process.destroyForcibly();
                }
            }
        } finally {
            joinQuietly(err);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(TimeUnit.MILLISECONDS.toMillis(EXIT_GRACE_MILLIS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pumpLog(PrintWriter log) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                log.println("[worker " + id + "] " + line);
                log.flush();
            }
        } catch (IOException e) {
            // the child is gone
        }
    }
}
