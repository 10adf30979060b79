package dev.trawl.bench;

/**
 * How fast the host's cores ran during one crawl, against how fast they ran during the bench's other runs of the
 * same mode, and what the crawl's wall time would have been at that typical speed. Pure arithmetic. Immutable.
 *
 * <p>Why it exists: on a virtual machine the cores' speed is not the guest's to keep. On the 2-core machine the
 * bench was built on, the same sha256 job on both cores took 310 ms or 520 ms depending on the second, in runs of a
 * few seconds each (other tenants of the host). A CPU-bound crawl inherits that swing whole, so its pages/s spread
 * 10–42% across repeats while its code and pages did not change. {@link SpeedProbe} measures the speed; this record
 * takes it out of each mode's spread.
 *
 * <p>The probe samples a few dozen units a second, so over a run of a few seconds its own noise is a few percent;
 * a second witness sees the whole run: the sim server's CPU per page. Both are held against the typical speed of
 * the same mode's runs, not of all runs, because the probe's cost depends on the mode beside it ({@link HostSpeeds}):
 * the adjustment takes the host's swings out of each mode's spread, and interleaved rounds keep them from favouring
 * a mode.
 *
 * @param unitsPerSecond the probe's work units per CPU second during the crawl; 0 when not measured
 * @param reference      the same over the counted runs of the crawl's mode (their median); 0 when not known
 * @param witness        the run's speed as the sim server's CPU per page saw it, against its median over the mode's
 *                       runs; 0 when not measured
 * @param cores          the machine's cores: how much of a crawl's wall time was CPU-bound is its busy cores over these
 */
public record MachineSpeed(double unitsPerSecond, double reference, double witness, int cores) {

    /** Nothing measured: every adjustment is the identity. */
    public static MachineSpeed notMeasured(int cores) {
        return new MachineSpeed(0, 0, cores);
    }

    public MachineSpeed {
        if (unitsPerSecond < 0 || reference < 0 || witness < 0 || cores < 1) {
            throw new IllegalArgumentException("speeds cannot be negative, nor cores below 1: " + unitsPerSecond + ", "
                    + reference + ", " + witness + ", " + cores);
        }
    }

    /** The probe's reading alone, without a second witness. */
    public MachineSpeed(double unitsPerSecond, double reference, int cores) {
        this(unitsPerSecond, reference, 0, cores);
    }

    /** Whether both the run's speed and the reference were measured. */
    public boolean measured() {
        return unitsPerSecond > 0 && reference > 0;
    }

    /**
     * The run's speed as a multiple of the typical speed: 1.25 means the cores ran 25% faster than usual. The
     * geometric mean of the probe's and the server's readings when both were taken; 1 if the probe's was not.
     */
    public double factor() {
        if (!measured()) {
            return 1;
        }
        return witness > 0 ? Math.sqrt(probeFactor() * witness) : probeFactor();
    }

    /** The probe's reading alone, as a multiple of the reference; 1 if unknown. */
    public double probeFactor() {
        return measured() ? unitsPerSecond / reference : 1;
    }

    /** This run's speed held against {@code reference}. */
    public MachineSpeed against(double reference) {
        return new MachineSpeed(unitsPerSecond, reference, witness, cores);
    }

    /** This run's speed with the server's reading, {@code witness} times the mode's typical speed, as a second witness. */
    public MachineSpeed witnessedAt(double witness) {
        return new MachineSpeed(unitsPerSecond, reference, witness, cores);
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
