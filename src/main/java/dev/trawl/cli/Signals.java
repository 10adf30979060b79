package dev.trawl.cli;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C and SIGTERM handling for a long command: the first signal asks for a clean stop (the command
 * then flushes its output and prints its summary); a second one ends the process at once.
 */
final class Signals {
    private Signals() {}

    /**
     * Routes SIGINT and SIGTERM to {@code onStop} until the returned registration is closed, which puts
     * the previous handlers back (so a test JVM or a second crawl is not left with stale ones).
     */
    static Registration onStop(Runnable onStop, PrintWriter err) {
        AtomicInteger received = new AtomicInteger();
        Map<Signal, SignalHandler> previous = new HashMap<>();
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal signal = new Signal(name);
                previous.put(signal, Signal.handle(signal, s -> {
                    if (received.incrementAndGet() == 1) {
                        err.println();
                        err.println("trawl: SIG" + name + " received; stopping cleanly (again to quit at once)...");
                        err.flush();
                        onStop.run();
                    } else {
                        Runtime.getRuntime().halt(130);
                    }
                }));
            } catch (IllegalArgumentException unsupported) {
                // the platform has no such signal; the JVM's default handling stays
            }
        }
        return new Registration(received, previous);
    }

    /** Installed handlers; {@link #close()} restores the ones they replaced. */
    static final class Registration implements AutoCloseable {
        private final AtomicInteger received;
        private final Map<Signal, SignalHandler> previous;

        private Registration(AtomicInteger received, Map<Signal, SignalHandler> previous) {
            this.received = received;
            this.previous = previous;
        }

        /** Whether a stop signal has arrived. */
        boolean received() {
            return received.get() > 0;
        }

        @Override
        public void close() {
            previous.forEach(Signal::handle);
        }
    }
}
