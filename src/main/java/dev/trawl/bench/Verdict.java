package dev.trawl.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The bench's conclusion, computed from the figures and nothing else: which mode won and by how much,
 * whether that beats the spread, and what bound each mode. Pure: no I/O, no clock. Immutable.
 *
 * @param workload  the workload's name
 * @param winner    the mode with the highest median whole-process pages/s (at its mode's typical host speed when
 *                  that was measured: {@link ModeStats#comparedPagesPerSecond()})
 * @param judgedBySpread whether every mode ran at least twice, so that ties could be judged by spread
 * @param tie       modes whose pages/s cannot be told from the winner's (ranges overlap, or the margin is
 *                  within the larger relative spread); empty when the winner is clearly ahead
 * @param marginPct how far the winner is ahead of the runner-up, in percent of the runner-up's median
 * @param bounds    per mode, what bound it, in words
 * @param warnings  things the reader must know to trust the figures (server near its capacity, noisy spread)
 */
public record Verdict(String workload, BenchMode winner, boolean judgedBySpread, List<BenchMode> tie, double marginPct,
        Map<BenchMode, String> bounds, List<String> warnings) {

    /** A mode counts as at a ceiling when it reaches this share of it. */
    static final double AT_CEILING = 0.75;
    /** A mode within this share of the server's capacity makes the server suspect. */
    static final double NEAR_SERVER = 0.8;
    /** Cores busy for this share of the wall time: the mode is CPU-bound. */
    static final double CPU_BOUND = 0.85;
    /** Start-up taking this share of the wall time: the mode is start-up bound. */
    static final double STARTUP_BOUND = 0.3;
    /** A mode this far above a ceiling means the ceiling was mismeasured. */
    static final double ABOVE_CEILING = 1.1;
    /** Other processes keeping this many cores busy during a run: the machine was not idle. */
    static final double BUSY_CORES = QuietGate.MAX_OTHER_CORES;
    /** The sim server keeping this share of the cores busy: on a small machine it competes with the crawl. */
    static final double SERVER_SHARE = 0.1;
    /** The target spread. */
    static final double SPREAD_TARGET = 0.10;

    public Verdict {
        Objects.requireNonNull(winner, "winner");
        tie = List.copyOf(tie);
        bounds = Collections.unmodifiableMap(new LinkedHashMap<>(bounds));
        warnings = List.copyOf(warnings);
    }

    /**
     * Judges {@code stats} (one per mode, at least one) against {@code ceilings}. Ceilings are rates a crawl can
     * keep up, so each mode is held against them at its steady rate (the middle 80% of its pages); the winner is
     * the mode with the best whole-process rate, what a user waits for.
     */
    public static Verdict judge(String workload, List<ModeStats> stats, Ceilings ceilings) {
        if (stats.isEmpty()) {
            throw new IllegalArgumentException("nothing to judge: no mode was measured");
        }
        List<ModeStats> ranked = new ArrayList<>(stats);
        ranked.sort(Comparator.comparingDouble((ModeStats s) -> s.comparedPagesPerSecond().median()).reversed());
        ModeStats best = ranked.getFirst();
        List<BenchMode> tie = new ArrayList<>();
        double margin = 0;
        if (ranked.size() > 1) {
            ModeStats second = ranked.get(1);
            margin = 100 * (best.comparedPagesPerSecond().median() / second.comparedPagesPerSecond().median() - 1);
            for (ModeStats other : ranked.subList(1, ranked.size())) {
                if (indistinguishable(best.comparedPagesPerSecond(), other.comparedPagesPerSecond())) {
                    tie.add(other.mode());
                }
            }
        }
        Map<BenchMode, String> bounds = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        ModeStats leanest = stats.stream().filter(s -> s.mode() != BenchMode.PROCESSES)
                .min(Comparator.comparingDouble(s -> s.comparedCpuPer1000().median())).orElse(best);
        for (ModeStats s : stats) {
            bounds.put(s.mode(), bound(s, ceilings, leanest));
            double steady = s.steadyPagesPerSecond().median();
            if (steady >= NEAR_SERVER * ceilings.serverPagesPerSecond()) {
                warnings.add(String.format(Locale.ROOT, "%s came within %.0f%% of the server's capacity (steady %,.0f of"
                        + " %,.0f pages/s): the server may be what limits it", s.mode().cliName(),
                        100 * (1 - NEAR_SERVER), steady, ceilings.serverPagesPerSecond()));
            }
            Ceilings.Ceiling binding = ceilings.binding();
            if (steady > ABOVE_CEILING * binding.pagesPerSecond()) {
                warnings.add(String.format(Locale.ROOT, "%s ran at %.0f%% of %s: that ceiling measured low (a machine"
                        + " busy with other work?), so fractions of it mean little", s.mode().cliName(),
                        100 * steady / binding.pagesPerSecond(), ceilings.describe(binding)));
            }
            if (s.runs() > 1 && s.comparedPagesPerSecond().relative() > SPREAD_TARGET) {
                warnings.add(String.format(Locale.ROOT, "%s: pages/s spread %.0f%% across %d runs%s (target under %.0f%%)",
                        s.mode().cliName(), 100 * s.comparedPagesPerSecond().relative(), s.runs(),
                        s.speedMeasured() ? String.format(Locale.ROOT, " at the typical host speed (%.0f%% as measured)",
                                100 * s.pagesPerSecond().relative()) : "", 100 * SPREAD_TARGET));
            }
        }
        hostSpeedNote(stats).ifPresent(warnings::add);
        stats.stream().filter(s -> s.speedMeasured() && s.witnessGap().max() > MachineSpeed.AGREEMENT).forEach(s ->
                warnings.add(String.format(Locale.ROOT, "%s: in a run the sim server's CPU per page and the crawl's"
                        + " own disagreed on the host's speed by %.0f%% (more than %.0f%%): the crawl's own cost moved,"
                        + " not only the host's, and the spread at the typical host speed keeps that",
                        s.mode().cliName(), 100 * s.witnessGap().max(), 100 * MachineSpeed.AGREEMENT)));
        ModeStats busiest = stats.stream().max(Comparator.comparingDouble(s -> s.otherCores().max())).orElseThrow();
        if (busiest.otherCores().max() >= BUSY_CORES) {
            warnings.add(String.format(Locale.ROOT, "other processes kept up to %.2f of %d cores busy during a run (%s;"
                    + " median over its runs %.2f): the crawls got less CPU than on an idle machine, so rates are lower"
                    + " and spreads wider", busiest.otherCores().max(), ceilings.cores(), busiest.mode().cliName(),
                    busiest.otherCores().median()));
        }
        ModeStats serverHeavy = stats.stream().max(Comparator.comparingDouble(s -> s.serverCores().median())).orElseThrow();
        if (serverHeavy.serverCores().median() >= SERVER_SHARE * ceilings.cores()) {
            warnings.add(String.format(Locale.ROOT, "the sim server itself kept %.2f of %d cores busy during %s's runs:"
                    + " not charged to the crawl, but on this machine it competes with it for the cores",
                    serverHeavy.serverCores().median(), ceilings.cores(), serverHeavy.mode().cliName()));
        }
        boolean judged = stats.stream().allMatch(s -> s.runs() > 1);
        return new Verdict(workload, best.mode(), judged, judged ? tie : List.of(), margin, bounds, warnings);
    }

    /**
     * When the host's cores changed speed during the runs by more than the target spread: by how much, and that the
     * verdict compares the rates at the typical speed, with each mode's spread before and after.
     */
    static Optional<String> hostSpeedNote(List<ModeStats> stats) {
        if (stats.stream().anyMatch(s -> !s.speedMeasured())) {
            return Optional.empty();
        }
        double slowest = stats.stream().mapToDouble(s -> s.hostSpeed().min()).min().orElse(1);
        double fastest = stats.stream().mapToDouble(s -> s.hostSpeed().max()).max().orElse(1);
        if (fastest / slowest - 1 <= SPREAD_TARGET) {
            return Optional.empty();
        }
        List<String> spreads = stats.stream().filter(s -> s.runs() > 1)
                .map(s -> String.format(Locale.ROOT, "%s %.0f%% -> %.0f%%", s.mode().cliName(),
                        100 * s.pagesPerSecond().relative(), 100 * s.adjustedPagesPerSecond().relative()))
                .toList();
        return Optional.of(String.format(Locale.ROOT, "the host's cores ran at %.2f-%.2fx their typical speed"
                + " during a mode's runs (the sim server's CPU per page, against its mode's median: with other"
                + " processes quiet, the host's other tenants),"
                + " so each mode's runs"
                + " are compared at that mode's typical speed%s", slowest, fastest, spreads.isEmpty() ? ""
                        : "; pages/s spread as measured -> at typical speed: " + String.join(", ", spreads)));
    }

    /** Whether two modes' pages/s cannot be told apart by these runs. */
    static boolean indistinguishable(Spread a, Spread b) {
        double margin = Math.abs(a.median() - b.median()) / Math.min(a.median(), b.median());
        return a.overlaps(b) || margin <= Math.max(a.relative(), b.relative());
    }

    /** What bound one mode, from its figures: start-up, the concurrency bound, CPU (and the pipe), or none. */
    static String bound(ModeStats s, Ceilings ceilings, ModeStats leanest) {
        double wall = s.wallSeconds().median();
        double startup = s.startupSeconds().median();
        double steady = s.steadyPagesPerSecond().median();
        double coresBusy = s.cpuPer1000().median() / 1000 * s.pagesPerSecond().median();
        Ceilings.Ceiling binding = ceilings.binding();
        double fraction = steady / binding.pagesPerSecond();
        String atCeiling = String.format(Locale.ROOT, "steady %,.0f pages/s, %.0f%% of %s", steady, 100 * fraction,
                ceilings.describe(binding));
        List<String> why = new ArrayList<>();
        if (wall > 0 && startup / wall >= STARTUP_BOUND) {
            why.add(String.format(Locale.ROOT, "start-up (%.1f s of %.1f s before the first page)", startup, wall));
        }
        if (binding.kind() == Ceilings.Ceiling.Kind.CONCURRENCY && fraction >= AT_CEILING) {
            why.add("network wait, " + atCeiling);
        } else if (coresBusy >= CPU_BOUND * ceilings.cores()) {
            String cpu = String.format(Locale.ROOT, "CPU (%.1f of %d cores busy), %s", coresBusy, ceilings.cores(),
                    atCeiling);
            if (s.mode() == BenchMode.PROCESSES && s.pipeMessages().median() > 0) {
                cpu += String.format(Locale.ROOT, "; %+.2f CPU s per 1,000 pages against %s for its extra JVMs and"
                        + " the pipe (%,.0f messages, %.1f MiB)", s.comparedCpuPer1000().median() - leanest.comparedCpuPer1000().median(),
                        leanest.mode().cliName(), s.pipeMessages().median(), s.pipeMib().median());
            }
            why.add(cpu);
        } else if (binding.kind() == Ceilings.Ceiling.Kind.SERVER && fraction >= AT_CEILING) {
            why.add("the server, " + atCeiling);
        } else if (s.otherCores().median() >= BUSY_CORES) {
            why.add(String.format(Locale.ROOT, "no ceiling reached: %s, %.1f of %d cores busy — the machine was busy"
                    + " (other processes kept %.2f cores busy), so the cores it did not get are the likeliest bound",
                    atCeiling, coresBusy, ceilings.cores(), s.otherCores().median()));
        } else {
            why.add(String.format(Locale.ROOT, "no ceiling reached: %s, %.1f of %d cores busy — its own scheduling"
                    + " and hand-offs", atCeiling, coresBusy, ceilings.cores()));
        }
        return String.join("; ", why);
    }

    /** The verdict in plain words, a few lines. */
    public String text() {
        StringBuilder text = new StringBuilder();
        text.append(workload).append(": ").append(winner.cliName());
        if (!judgedBySpread) {
            text.append(String.format(Locale.ROOT, " leads by %.0f%%, but with one run per mode there is no spread to"
                    + " tell that from noise (use --repeat 3 or more)", marginPct));
        } else if (tie.isEmpty()) {
            text.append(String.format(Locale.ROOT, " wins, %.0f%% ahead of the next mode, more than the spread", marginPct));
        } else {
            List<String> tied = tie.stream().map(BenchMode::cliName).toList();
            text.append(tied.size() == 1 ? " and " : ", ").append(String.join(", ", tied.subList(0, tied.size() - 1)))
                    .append(tied.size() > 1 ? " and " : "").append(tied.getLast())
                    .append(String.format(Locale.ROOT, " tie (within spread; %s leads by %.0f%%)", winner.cliName(),
                            marginPct));
        }
        text.append(".\n");
        bounds.forEach((mode, why) -> text.append("  ").append(mode.cliName()).append(": ").append(why).append('\n'));
        warnings.forEach(warning -> text.append("  note: ").append(warning).append('\n'));
        return text.toString();
    }
}
