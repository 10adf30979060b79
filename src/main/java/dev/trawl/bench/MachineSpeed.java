package dev.trawl.bench;

/**
 * How fast the host's cores ran during one crawl, against how fast they ran during the bench's other runs of the
 * same mode, and what the crawl's wall time would have been at that typical speed. Pure arithmetic. Immutable.
 *
 * <p>Why it exists: on a virtual machine the cores' speed is not the guest's to keep. On the 2-core machine the
 * bench was built on, the same sha256 job on both cores took 310 ms or 520 ms depending on the second, in runs of a
 * few seconds each (other tenants of the host). A CPU-bound crawl inherits that swing whole, so its pages/s spread
 * 10–42% across repeats while its code and pages did not change. {@link HostSpeeds} reads the speed from two
 * witnesses that see the whole run; this record takes it out of each mode's spread.
 *
 * @param server the run's speed as the sim server's CPU per page saw it: its mode's median server CPU per page over
 *               this run's, so 1.25 is a host 25% faster than usual; 0 when not measured
 * @param crawl  the same as the crawl's own CPU per page saw it; 0 when not measured
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

    /** Whether both witnesses were heard: with one, a run's own variance could pass for the host's. */
    public boolean measured() {
        return server > 0 && crawl > 0;
    }

    /**
     * How far the witnesses may disagree for the crawl's to be heard: the bench's target spread. For a CPU-bound
     * crawl the crawl's witness is close to its own rate against its twins' (CPU per page is busy cores over
     * pages/s), so heard alone it would excuse any slow run as a slow host; the server's agreement is what says
     * the host moved. Within this gap, the most of a run's own difference it can pass off is half the gap.
     */
    public static final double AGREEMENT = 0.10;

    /**
     * The run's speed as a multiple of the typical speed: 1.25 means the cores ran 25% faster than usual. The
     * geometric mean of the two witnesses when they agree within {@link #AGREEMENT}; the server's alone when they do
     * not (the crawl's own cost per page moved: a GC storm, a lock convoy, which is the mode's, not the host's); 1
     * if either is missing.
     */
    public double factor() {
        if (!measured()) {
            return 1;
        }
        return agree() ? Math.sqrt(server * crawl) : server;
    }

    /** Whether both witnesses were heard and agree within {@link #AGREEMENT}. */
    public boolean agree() {
        return measured() && disagreement() <= AGREEMENT;
    }

    /**
     * How far the witnesses disagree, as the larger over the smaller minus one (0.2: one saw the host 20% faster
     * than the other did); 0 if either is missing.
     */
    public double disagreement() {
        return measured() ? Math.max(server, crawl) / Math.min(server, crawl) - 1 : 0;
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
