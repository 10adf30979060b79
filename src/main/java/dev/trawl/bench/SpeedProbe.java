package dev.trawl.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * Measures the host cores' speed while the bench runs: a thread of the bench's own does a fixed unit of the
 * workload's own work (reading one of its pages, as a crawl does) every {@link #PERIOD} and takes the CPU time
 * that cost. CPU time, not wall time: the crawl and anything else on the machine change when the probe gets a
 * core, not what its unit costs once it has one, so the cost follows the cores' own speed (a host's other
 * tenants, frequency). A unit of under a millisecond every 40 ms is under 2% of one core, the same for every mode;
 * sampled more sparsely (every 100 ms) the probe's mean over a 5-second run wandered twice as far from the cost of
 * the same work done continuously beside it.
 * See {@link MachineSpeed} for why the bench needs it. Thread-safe.
 */
final class SpeedProbe implements AutoCloseable {
    /** How often the unit runs. */
    static final Duration PERIOD = Duration.ofMillis(40);

    private final Samples samples = new Samples();
    private final Thread thread;
    private volatile boolean stopped;

    private SpeedProbe(Runnable unit) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        this.thread = Thread.ofPlatform().daemon().name("trawl-bench-speed-probe").unstarted(() -> {
            while (!stopped) {
                long cpuBefore = threads.getCurrentThreadCpuTime();
                unit.run();
                long cost = threads.getCurrentThreadCpuTime() - cpuBefore;
                samples.add(System.nanoTime(), cost);
                try {
                    Thread.sleep(PERIOD);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** Starts probing with {@code unit}, a fixed piece of work that costs the same on a core of the same speed. */
    static SpeedProbe start(Runnable unit) {
        SpeedProbe probe = new SpeedProbe(unit);
        probe.thread.start();
        return probe;
    }

    /** Units per CPU second between two {@link System#nanoTime()} readings; empty when no unit finished then. */
    OptionalDouble speedBetween(long fromNanos, long toNanos) {
        return samples.speedBetween(fromNanos, toNanos);
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join();
    }

    /**
     * The probe's readings: when each unit finished and the CPU nanoseconds it cost. Pure apart from its lock, so
     * the arithmetic is tested without a thread.
     */
    static final class Samples {
        private long[] at = new long[256];
        private long[] cost = new long[256];
        private int size;

        synchronized void add(long atNanos, long costNanos) {
            if (size == at.length) {
                at = Arrays.copyOf(at, size * 2);
                cost = Arrays.copyOf(cost, size * 2);
            }
            at[size] = atNanos;
            cost[size] = costNanos;
            size++;
        }

        /**
         * The mean speed (units per CPU second) of the units that finished in [{@code fromNanos}, {@code toNanos}]:
         * the mean of each unit's speed rather than one over the mean cost, so that each reading, taken at an even
         * pace, weighs as the slice of time it stands for. Units that read no CPU time at all (a clock too coarse
         * for them) say nothing and are left out.
         */
        synchronized OptionalDouble speedBetween(long fromNanos, long toNanos) {
            double sum = 0;
            int n = 0;
            for (int i = 0; i < size; i++) {
                if (at[i] >= fromNanos && at[i] <= toNanos && cost[i] > 0) {
                    sum += 1e9 / cost[i];
                    n++;
                }
            }
            return n == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / n);
        }
    }
}
