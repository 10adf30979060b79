package dev.trawl.bench;

import dev.trawl.stats.CrawlFigures;
import java.util.Objects;

/**
 * One measured crawl: a fresh {@code trawl crawl} process, seen from outside (wall time, CPU and peak RSS of
 * its whole process tree) and from inside ({@link CrawlFigures}). Immutable.
 *
 * @param mode        the crawl's mode
 * @param repeat      which round, from 1
 * @param wallSeconds the process's wall time, JVM start-up and exit included
 * @param cpuSeconds  user + system CPU of the process and every child it had
 * @param peakRssMib  the largest sum of resident memory over the process tree at any sample
 * @param figures     what the crawl measured about itself
 * @param contention  what else used the CPUs meanwhile: the sim server, other processes, the hypervisor
 * @param speed       how fast the host's cores ran meanwhile, against its mode's typical speed
 */
public record RunResult(BenchMode mode, int repeat, double wallSeconds, double cpuSeconds, double peakRssMib,
        CrawlFigures figures, Contention contention, MachineSpeed speed) {

    /** The share of the pages after which the steady state is taken to have begun. */
    static final double STEADY_FROM = 0.1;
    /** The share of the pages after which the tail is taken to have begun. */
    static final double STEADY_TO = 0.9;

    public RunResult {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(figures, "figures");
        Objects.requireNonNull(contention, "contention");
        Objects.requireNonNull(speed, "speed");
        if (wallSeconds <= 0) {
            throw new IllegalArgumentException("wallSeconds must be above 0: " + wallSeconds);
        }
    }

    /** Pages per second of the whole process, start-up included: what a user waits for. */
    public double pagesPerSecond() {
        return figures.pages() / wallSeconds;
    }

    /**
     * Whole-process pages per second had the host's cores run at its mode's typical speed throughout
     * ({@link MachineSpeed#wallAtReference}): the figure the verdict compares, since the host's own swings are
     * not the mode's. The plain rate when the speed was not measured.
     */
    public double adjustedPagesPerSecond() {
        return figures.pages() / speed.wallAtReference(wallSeconds, cpuSeconds);
    }

    /**
     * CPU seconds per 1,000 pages had the host's cores run at its mode's typical speed: a slow host inflates the
     * CPU time of the same work as much as its wall time (measured: −0.94 correlation between a cpu crawl's CPU per
     * page and a sampling probe's speed, over 12 runs). The speed is the sim server's witness
     * ({@link HostSpeeds}), never this figure's own.
     */
    public double adjustedCpuSecondsPer1000() {
        return cpuSecondsPer1000() * speed.factor();
    }

    /** A run of {@code mode} in round {@code repeat}, its figures to be set; nothing else ran meanwhile unless set. */
    public static Builder builder(BenchMode mode, int repeat) {
        return new Builder(mode, repeat);
    }

    /** A builder holding this run's values. */
    public Builder toBuilder() {
        return new Builder(mode, repeat).wallSeconds(wallSeconds).cpuSeconds(cpuSeconds).peakRssMib(peakRssMib)
                .figures(figures).contention(contention).speed(speed);
    }

    /** This run with its host speed settled ({@link HostSpeeds}). */
    public RunResult withSpeed(MachineSpeed speed) {
        return toBuilder().speed(speed).build();
    }

    /** Pages per second of the crawl itself, from its start to its end, start-up excluded. */
    public double crawlPagesPerSecond() {
        return figures.crawlMs() <= 0 ? 0 : figures.pages() * 1000.0 / figures.crawlMs();
    }

    /**
     * Pages per second while the crawl wrote the middle 80% of its pages (from the 10th to the 90th
     * percentile page): its steady state, without JVM start-up, the ramp to full concurrency (robots.txt and a
     * seed per host before any link is known) and the tail. The crawl rate when the run is too short to tell.
     */
    public double steadyPagesPerSecond() {
        return figures.pagesPerSecondBetween(STEADY_FROM, STEADY_TO).orElseGet(this::crawlPagesPerSecond);
    }

    /** Body megabytes (10^6) per second of the whole process. */
    public double megabytesPerSecond() {
        return figures.bytes() / 1e6 / wallSeconds;
    }

    /** CPU seconds of the process tree per 1,000 pages. */
    public double cpuSecondsPer1000() {
        return figures.pages() == 0 ? 0 : cpuSeconds * 1000 / figures.pages();
    }

    /** Cores other processes kept busy during the run, on average. */
    public double otherCores() {
        return contention.otherCores(wallSeconds);
    }

    /** Cores the sim server kept busy during the run, on average. */
    public double serverCores() {
        return contention.serverCores(wallSeconds);
    }

    /** Seconds from the JVM's start to the first page written. */
    public double startupSeconds() {
        return figures.firstPageSinceJvmStartMs() / 1000.0;
    }

    /** Builds a {@link RunResult} by name: eight values, six of them numbers or figures easily swapped by position. */
    public static final class Builder {
        private final BenchMode mode;
        private final int repeat;
        private double wallSeconds;
        private double cpuSeconds;
        private double peakRssMib;
        private CrawlFigures figures;
        private Contention contention = Contention.NONE;
        private MachineSpeed speed;

        private Builder(BenchMode mode, int repeat) {
            this.mode = mode;
            this.repeat = repeat;
        }

        public Builder wallSeconds(double value) {
            this.wallSeconds = value;
            return this;
        }

        public Builder cpuSeconds(double value) {
            this.cpuSeconds = value;
            return this;
        }

        public Builder peakRssMib(double value) {
            this.peakRssMib = value;
            return this;
        }

        public Builder figures(CrawlFigures value) {
            this.figures = value;
            return this;
        }

        public Builder contention(Contention value) {
            this.contention = value;
            return this;
        }

        /** How fast the host ran meanwhile: {@link MachineSpeed#notMeasured} until {@link HostSpeeds} settles it. */
        public Builder speed(MachineSpeed value) {
            this.speed = value;
            return this;
        }

        public RunResult build() {
            return new RunResult(mode, repeat, wallSeconds, cpuSeconds, peakRssMib, figures, contention, speed);
        }
    }
}
