package dev.trawl.bench;

import java.time.Duration;
import java.util.Objects;

/**
 * Waits, before a measured run, for the machine to be quiet: until other processes (not the sim server, not the
 * bench) have used under {@link #MAX_OTHER_CORES} of the cores over a {@link #INTERVAL}, or the patience has run
 * out. On a shared machine the rates of a CPU-bound crawl follow the CPU others take from it (measured: 279
 * pages/s beside 1.1 busy cores of other processes, 97 beside 1.6), so a run started in someone's compile burst
 * measures the burst. Not thread-safe.
 */
final class QuietGate {
    /** Other processes using less than this many cores: quiet enough to measure. */
    static final double MAX_OTHER_CORES = 0.25;
    /** How long each look at the machine lasts. */
    static final Duration INTERVAL = Duration.ofMillis(500);

    /** Cores other processes kept busy over the next {@code interval}; blocks for it. */
    @FunctionalInterface
    interface Probe {
        double otherCores(Duration interval) throws InterruptedException;
    }

    /**
     * How the wait went.
     *
     * @param waited     how long the gate looked at the machine
     * @param otherCores what other processes used over the last look
     * @param quiet      whether the machine was quiet when the gate opened (false: the patience ran out)
     */
    record Outcome(Duration waited, double otherCores, boolean quiet) {}

    private final Probe probe;
    private final Duration patience;

    /** @param patience the longest wait; zero opens at once without looking */
    QuietGate(Probe probe, Duration patience) {
        this.probe = Objects.requireNonNull(probe, "probe");
        if (patience.isNegative()) {
            throw new IllegalArgumentException("the wait for a quiet machine cannot be negative: " + patience);
        }
        this.patience = patience;
    }

    /** Looks until the machine is quiet or the patience has run out. */
    Outcome await() throws InterruptedException {
        if (patience.isZero()) {
            return new Outcome(Duration.ZERO, 0, true);
        }
        Duration waited = Duration.ZERO;
        while (true) {
            double cores = probe.otherCores(INTERVAL);
            waited = waited.plus(INTERVAL);
            if (cores < MAX_OTHER_CORES) {
                return new Outcome(waited, cores, true);
            }
            if (waited.compareTo(patience) >= 0) {
                return new Outcome(waited, cores, false);
            }
        }
    }

    /** The machine as {@link CpuClock} sees it, less the sim server's and this bench's own CPU. */
    static Probe machine(ProcessHandle server) {
        return interval -> {
            CpuClock before = CpuClock.now(server);
            long start = System.nanoTime();
            Thread.sleep(interval);
            double seconds = (System.nanoTime() - start) / 1e9;
            return CpuClock.now(server).since(before, 0).otherCpuSeconds() / seconds;
        };
    }
}
