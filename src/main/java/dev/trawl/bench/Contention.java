package dev.trawl.bench;

/**
 * What else used the CPUs while one crawl ran, measured around it by {@link CpuClock}: the figures that tell a
 * slow run on a busy machine from a slow mode. Immutable.
 *
 * @param serverCpuSeconds the sim server's CPU: it runs apart, so it is not charged to the crawl, but on a machine
 *                         with few cores it competes with it
 * @param otherCpuSeconds  every other process's CPU (other users of the machine); the bench's own is left out
 * @param stealSeconds     CPU time the hypervisor took from this machine's CPUs for other machines
 * @param waitedSeconds    how long the bench waited before the run for other processes to quieten
 *                         ({@link QuietGate}); the run started anyway if they did not
 */
public record Contention(double serverCpuSeconds, double otherCpuSeconds, double stealSeconds, double waitedSeconds) {
    /** Nothing measured (not Linux). */
    public static final Contention NONE = new Contention(0, 0, 0, 0);

    /** Cores other processes kept busy, on average over {@code wallSeconds}. */
    public double otherCores(double wallSeconds) {
        return wallSeconds <= 0 ? 0 : otherCpuSeconds / wallSeconds;
    }

    /** Cores the sim server kept busy, on average over {@code wallSeconds}. */
    public double serverCores(double wallSeconds) {
        return wallSeconds <= 0 ? 0 : serverCpuSeconds / wallSeconds;
    }
}
