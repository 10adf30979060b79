package dev.trawl.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * Ctrl-C and SIGTERM handling for a long command: the first signal asks for a clean stop (the command
 * then flushes its output and prints its summary); a second one ends the process at once.
 */
final class Signals {
    private Signals() {}

    /** Routes SIGINT and SIGTERM to {@code onStop}; returns a counter of signals received. */
    static AtomicInteger onStop(Runnable onStop, PrintWriter err) {
        AtomicInteger received = new AtomicInteger();
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    if (received.incrementAndGet() == 1) {
                        err.println();
                        err.println("trawl: SIG" + name + " received; stopping cleanly (again to quit at once)...");
                        onStop.run();
                    } else {
                        Runtime.getRuntime().halt(130);
                    }
                });
            } catch (IllegalArgumentException unsupported) {
                // the platform has no such signal; the JVM's default handling stays
            }
        }
        return received;
    }
}
