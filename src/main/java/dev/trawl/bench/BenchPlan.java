package dev.trawl.bench;

import dev.trawl.sim.SiteSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one {@code trawl bench} run does: the site, the modes, the limits every mode gets, how often.
 * Immutable; the compact constructor validates.
 *
 * @param workload    the workload's name, for titles
 * @param site        the site the server serves
 * @param siteFlags   the {@code trawl serve} flags for {@code site}
 * @param modes       the modes, in the order of the first round (later rounds rotate it)
 * @param repeat      rounds; each runs every mode once
 * @param maxPages    the page budget of each crawl
 * @param perHost     requests in flight to one host, every mode
 * @param maxInFlight requests in flight over all hosts, every mode (processes mode: shared among its workers)
 * @param workers     child JVMs in processes mode
 * @param cores       the machine's cores
 * @param out         where results go
 * @param quietWait   the longest wait before each run for other processes to leave the cores alone
 */
public record BenchPlan(String workload, SiteSpec site, List<String> siteFlags, List<BenchMode> modes, int repeat,
        long maxPages, int perHost, int maxInFlight, int workers, int cores, Path out, Duration quietWait) {

    public BenchPlan {
        Objects.requireNonNull(site, "site");
        siteFlags = List.copyOf(siteFlags);
        modes = List.copyOf(modes);
        if (modes.isEmpty() || modes.stream().distinct().count() != modes.size()) {
            throw new IllegalArgumentException("--modes must name each mode at most once, and one at least: " + modes);
        }
        require(repeat, "--repeat");
        require(perHost, "--per-host");
        require(maxInFlight, "--max-in-flight");
        require(workers, "--workers");
        if (maxPages < 1) {
            throw new IllegalArgumentException("--pages must be at least 1: " + maxPages);
        }
        Objects.requireNonNull(out, "out");
        if (quietWait.isNegative()) {
            throw new IllegalArgumentException("--quiet-wait cannot be negative: " + quietWait);
        }
    }

    /** Round {@code round} (from 1): every mode once, the order rotated so no mode always goes first. */
    public List<BenchMode> order(int round) {
        List<BenchMode> order = new ArrayList<>(modes);
        java.util.Collections.rotate(order, -(round - 1) % modes.size());
        return order;
    }

    /** Requests one crawl process may have in flight: the whole budget, or a worker's share of it. */
    public int inFlightPerProcess(BenchMode mode) {
        return mode == BenchMode.PROCESSES ? Math.max(1, (maxInFlight + workers - 1) / workers) : maxInFlight;
    }

    /** The requests a crawl can really have in flight: the budget, unless the hosts' caps allow fewer. */
    public int effectiveInFlight() {
        return (int) Math.min(maxInFlight, (long) site.hosts() * perHost);
    }

    private static void require(int value, String flag) {
        if (value < 1) {
            throw new IllegalArgumentException(flag + " must be at least 1: " + value);
        }
    }
}
