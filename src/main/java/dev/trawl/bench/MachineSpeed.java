package dev.trawl.bench;

/**
 * How fast the host's cores ran during one crawl, against how fast they ran during the bench's other runs of the
 * same mode, and what the crawl's wall time would have been at that typical speed. Pure arithmetic. Immutable.
 *
 * <p>Why it exists: on a virtual machine the cores' speed is not the guest's to keep. On the 2-core machine the
 * bench was built on, the same sha256 job on both cores took 310 ms or 520 ms depending on the second, in runs of a
 * few seconds each (other tenants of the host). A CPU-bound crawl inherits that swing whole, so its pages/s spread
 * 10–42% across repeats while its code and pages did not change. {@link HostSpeeds} reads the speed from the sim
 * server, a witness outside the crawl that sees the whole run, and checks it against a second, the crawl's own
 * cost per page; this record takes the speed out of each mode's spread.
 *
 * @param server the run's speed as the sim server's CPU per page saw it: its mode's median server CPU per page over
 *               this run's, so 1.25 is a host 25% faster than usual; 0 when not measured
 * @param crawl  the same as the crawl's own CPU per page saw it, a check on {@code server}, never an adjustment;
 *               0 when not measured
 * @param cores  the machine's cores: how much of a crawl's wall time was CPU-bound is its busy cores over these
 */
public record MachineSpeed(double server, double crawl, int cores) {

    /** Nothing measured: every adjustment is the identity. */
    public static MachineSpeed notMeasured(int cores) {
        return new MachineSpeed(0, 0, cores);
    }

    public MachineSpeed {
        if (server < 0 || crawl < 0 || cores < 1) {
            throw new IllegalArgumentException("speeds cannot be negative, nor cores below 1: " + server + ", "
                    + crawl + ", " + cores);
        }
    }

    /** Whether the server's witness was heard (the crawl's is heard whenever it is). */
    public boolean measured() {
        return server > 0;
    }

    /**
     * How far the witnesses may disagree before the verdict says the crawl's own cost moved: the bench's target
     * spread.
     */
    public static final double AGREEMENT = 0.10;

    /**
     * The run's speed as a multiple of the typical speed: 1.25 means the cores ran 25% faster than usual. The
     * server's witness alone; 1 if it is missing. Not the crawl's: for a CPU-bound crawl its CPU per page is busy
     * cores over pages/s, nearly its own rate against its twins', so heard at all it would pass part of any slow
     * run off as a slow host.
     */
    public double factor() {
        return measured() ? server : 1;
    }

    /**
     * How far the witnesses disagree, as the larger over the smaller minus one (0.2: one saw the host 20% faster
     * than the other did); 0 if either is missing.
     */
    public double disagreement() {
        return measured() && crawl > 0 ? Math.max(server, crawl) / Math.min(server, crawl) - 1 : 0;
    }

    /**
     * The wall time a crawl that took {@code wallSeconds} and {@code cpuSeconds} would have taken at the reference
     * speed. Only the CPU-bound share of the wall time (its busy cores over all cores, at most 1) scales with the
     * cores' speed; the rest was spent waiting (for the network, for the server), which a faster core does not
     * shorten. So an io crawl with a quarter of a core busy is hardly adjusted, and a cpu crawl nearly in full.
     */
    public double wallAtReference(double wallSeconds, double cpuSeconds) {
        if (!measured() || wallSeconds <= 0) {
            return wallSeconds;
        }
        double cpuBound = Math.min(1, cpuSeconds / (wallSeconds * cores));
        return wallSeconds * (cpuBound * factor() + (1 - cpuBound));
    }
}
