package dev.trawl.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * Times the host cores' speed while the bench runs: a thread of the bench's own runs a fixed unit of arithmetic
 * every {@link #PERIOD} and reads the CPU time it cost. CPU time, not wall time: the crawl beside it changes when
 * the probe gets a core, not what the unit costs once it has one. The unit works in registers only (a xorshift
 * generator, no memory, no allocation), so a neighbour's use of the caches or the heap does not reach it either;
 * what does is the core's own speed, which on a virtual machine moves with the host's other tenants. An earlier
 * probe timed the reading of a page instead, and its cost followed the mode beside it (its caches), not the host.
 * A unit of about a quarter of a millisecond every 20 ms is about 1% of one core, the same for every mode, and
 * under the {@link QuietGate}'s notice (it is the bench's own CPU, which the gate leaves out anyway).
 * Thread-safe.
 */
final class SpeedProbe implements AutoCloseable {
    /** How often the unit runs. */
    static final Duration PERIOD = Duration.ofMillis(20);
    /** The unit's length: about 0.25 ms on the 2.x GHz cores it was sized on. */
    static final int ITERATIONS = 100_000;

    private final Samples samples = new Samples();
    private final Thread thread;
    private volatile boolean stopped;
    /** Where the unit's result goes, so that the JIT cannot drop the loop as dead code. */
    private volatile long sink;

    private SpeedProbe() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        this.thread = Thread.ofPlatform().daemon().name("trawl-bench-speed-probe").unstarted(() -> {
            long seed = 0x9E3779B97F4A7C15L;
            while (!stopped) {
                long cpuBefore = threads.getCurrentThreadCpuTime();
                seed = unit(seed);
                long cost = threads.getCurrentThreadCpuTime() - cpuBefore;
                samples.add(System.nanoTime(), cost);
                sink = seed;
                try {
                    Thread.sleep(PERIOD);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** Starts probing. */
    static SpeedProbe start() {
        SpeedProbe probe = new SpeedProbe();
        probe.thread.start();
        return probe;
    }

    /** The fixed unit of work: {@link #ITERATIONS} rounds of a xorshift generator, all in registers. */
    static long unit(long seed) {
        long x = seed | 1;
        long y = 1;
        for (int i = 0; i < ITERATIONS; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            y += x * 0x2545F4914F6CDD1DL;
        }
        return x ^ y;
    }

    /** The median CPU nanoseconds of the units that finished between two {@link System#nanoTime()} readings. */
    OptionalDouble costBetween(long fromNanos, long toNanos) {
        return samples.medianCostBetween(fromNanos, toNanos);
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
        private long[] at = new long[1024];
        private long[] cost = new long[1024];
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
         * The median cost of the units that finished in [{@code fromNanos}, {@code toNanos}]. The median, not the
         * mean: a unit that an interrupt landed in is charged the interrupt's time, a rare and large outlier that
         * says nothing about the core. Units that read no CPU time at all (a clock too coarse for them) are left
         * out. Empty when none finished then.
         */
        synchronized OptionalDouble medianCostBetween(long fromNanos, long toNanos) {
            long[] within = new long[size];
            int n = 0;
            for (int i = 0; i < size; i++) {
                if (at[i] >= fromNanos && at[i] <= toNanos && cost[i] > 0) {
                    within[n++] = cost[i];
                }
            }
            if (n == 0) {
                return OptionalDouble.empty();
            }
            Arrays.sort(within, 0, n);
            return OptionalDouble.of(n % 2 == 1 ? within[n / 2] : (within[n / 2 - 1] + within[n / 2]) / 2.0);
        }
    }
}
