package dev.trawl.bench;

import dev.trawl.config.Mode;
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
 */
public record RunResult(Mode mode, int repeat, double wallSeconds, double cpuSeconds, double peakRssMib,
        CrawlFigures figures) {

    public RunResult {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(figures, "figures");
        if (wallSeconds <= 0) {
            throw new IllegalArgumentException("wallSeconds must be above 0: " + wallSeconds);
        }
    }

    /** Pages per second of the whole process, start-up included: what a user waits for. */
    public double pagesPerSecond() {
        return figures.pages() / wallSeconds;
    }

    /** Pages per second of the crawl itself, from its start to its end, start-up excluded. */
    public double crawlPagesPerSecond() {
        return figures.crawlMs() <= 0 ? 0 : figures.pages() * 1000.0 / figures.crawlMs();
    }

    /** Body megabytes (10^6) per second of the whole process. */
    public double megabytesPerSecond() {
        return figures.bytes() / 1e6 / wallSeconds;
    }

    /** CPU seconds of the process tree per 1,000 pages. */
    public double cpuSecondsPer1000() {
        return figures.pages() == 0 ? 0 : cpuSeconds * 1000 / figures.pages();
    }

    /** Seconds from the JVM's start to the first page written. */
    public double startupSeconds() {
        return figures.firstPageSinceJvmStartMs() / 1000.0;
    }
}
