package dev.trawl.stats;

import dev.trawl.audit.AuditReport;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.TreeMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The figures of a finished (or interrupted) crawl.
 *
 * @param records URLs fetched or tried (one output record each)
 * @param responses records with an HTTP response
 * @param bytes decompressed body bytes
 * @param retries requests that were tried again
 * @param byStatus responses per HTTP status
 * @param errorsByKind failures and skips per kind
 * @param wall wall time of the crawl
 * @param p50Millis median request time
 * @param p95Millis 95th-percentile request time
 * @param p99Millis 99th-percentile request time
 * @param notFetchedOverBudget URLs found but left unfetched because the page budget was spent
 * @param interrupted whether the crawl was stopped before its end
 * @param unreachableHosts hosts that never answered (unknown name, refused connection, TLS failure, timeout), with
 *     the last failure, e.g. {@code 127.0.0.1:9 → connect: could not connect to …}
 * @param slowedHosts hosts adaptive politeness slowed, with why, e.g. {@code 127.0.0.1:8080 → 503 x3, peak 4s, now 1s}
 * @param politeness the politeness audit of the crawl's requests (empty where the run could not audit them)
 */
public record Summary(
        long records,
        long responses,
        long bytes,
        long retries,
        Map<Integer, Long> byStatus,
        Map<String, Long> errorsByKind,
        Duration wall,
        long p50Millis,
        long p95Millis,
        long p99Millis,
        long notFetchedOverBudget,
        boolean interrupted,
        Map<String, String> unreachableHosts,
        Map<String, String> slowedHosts,
        Optional<AuditReport> politeness) {

    /** The prefix of the error kinds of trap defences, e.g. {@code trap_query_variants}. */
    private static final String TRAP = "trap_";

    public Summary {
        byStatus = Map.copyOf(byStatus);
        errorsByKind = Map.copyOf(errorsByKind);
        unreachableHosts = Collections.unmodifiableMap(new TreeMap<>(unreachableHosts));
        slowedHosts = Collections.unmodifiableMap(new TreeMap<>(slowedHosts));
        Objects.requireNonNull(politeness, "politeness");
    }

    /** A builder with no figures yet: zeros, empty maps, not interrupted, no politeness audit. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this summary's figures, to change some of them. */
    public Builder toBuilder() {
        return new Builder().records(records).responses(responses).bytes(bytes).retries(retries).byStatus(byStatus)
                .errorsByKind(errorsByKind).wall(wall).latencyMillis(p50Millis, p95Millis, p99Millis)
                .notFetchedOverBudget(notFetchedOverBudget).interrupted(interrupted).unreachableHosts(unreachableHosts)
                .slowedHosts(slowedHosts).politeness(politeness);
    }

    /** Names each figure where it is set: a crawl's stats, and a coordinator adding its children's. */
    public static final class Builder {
        private long records;
        private long responses;
        private long bytes;
        private long retries;
        private Map<Integer, Long> byStatus = Map.of();
        private Map<String, Long> errorsByKind = Map.of();
        private Duration wall = Duration.ZERO;
        private long p50Millis;
        private long p95Millis;
        private long p99Millis;
        private long notFetchedOverBudget;
        private boolean interrupted;
        private Map<String, String> unreachableHosts = Map.of();
        private Map<String, String> slowedHosts = Map.of();
        private Optional<AuditReport> politeness = Optional.empty();

        private Builder() {}

        public Builder records(long n) {
            records = n;
            return this;
        }

        public Builder responses(long n) {
            responses = n;
            return this;
        }

        public Builder bytes(long n) {
            bytes = n;
            return this;
        }

        public Builder retries(long n) {
            retries = n;
            return this;
        }

        public Builder byStatus(Map<Integer, Long> counts) {
            byStatus = counts;
            return this;
        }

        public Builder errorsByKind(Map<String, Long> counts) {
            errorsByKind = counts;
            return this;
        }

        public Builder wall(Duration time) {
            wall = time;
            return this;
        }

        /** The median, 95th and 99th percentiles of request time. */
        public Builder latencyMillis(long p50, long p95, long p99) {
            p50Millis = p50;
            p95Millis = p95;
            p99Millis = p99;
            return this;
        }

        public Builder notFetchedOverBudget(long n) {
            notFetchedOverBudget = n;
            return this;
        }

        public Builder interrupted(boolean stopped) {
            interrupted = stopped;
            return this;
        }

        public Builder unreachableHosts(Map<String, String> hosts) {
            unreachableHosts = hosts;
            return this;
        }

        public Builder slowedHosts(Map<String, String> hosts) {
            slowedHosts = hosts;
            return this;
        }

        public Builder politeness(Optional<AuditReport> audit) {
            politeness = audit;
            return this;
        }

        public Summary build() {
            return new Summary(records, responses, bytes, retries, byStatus, errorsByKind, wall, p50Millis, p95Millis,
                    p99Millis, notFetchedOverBudget, interrupted, unreachableHosts, slowedHosts, politeness);
        }
    }

    /** Whether every one of {@code hosts} (politeness keys, e.g. the seeds' hosts) never answered. */
    public boolean allUnreachable(Collection<String> hosts) {
        return !hosts.isEmpty() && unreachableHosts.keySet().containsAll(hosts);
    }

    /** Records per second of wall time. */
    public double pagesPerSecond() {
        double seconds = wall.toNanos() / 1e9;
        return seconds <= 0 ? 0 : records / seconds;
    }

    /** Records with an error. */
    public long errors() {
        return errorsByKind.values().stream().mapToLong(Long::longValue).sum();
    }

    /** A few aligned lines for a person. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append(interrupted ? "crawl interrupted" : "crawl complete").append('\n');
        out.append(String.format(Locale.ROOT, "  pages      %,d in %.2f s (%,.0f pages/s), %s%n",
                records, wall.toNanos() / 1e9, pagesPerSecond(), humanBytes(bytes)));
        out.append("  status     ").append(byStatus.isEmpty() ? "none" : join(new java.util.TreeMap<>(byStatus)))
                .append('\n');
        out.append("  errors     ").append(errorsByKind.isEmpty() ? "none" : join(new java.util.TreeMap<>(errorsByKind)))
                .append('\n');
        out.append(String.format(Locale.ROOT, "  latency    p50 %d ms, p95 %d ms, p99 %d ms%n", p50Millis, p95Millis,
                p99Millis));
        String traps = errorsByKind.entrySet().stream().filter(e -> e.getKey().startsWith(TRAP))
                .sorted(Map.Entry.comparingByKey())
                .map(e -> String.format(Locale.ROOT, "%,d by traps.max-%s", e.getValue(),
                        e.getKey().substring(TRAP.length()).replace('_', '-')))
                .collect(Collectors.joining(", "));
        if (!traps.isEmpty()) {
            out.append("  traps      URLs not fetched: ").append(traps).append('\n');
        }
        if (!unreachableHosts.isEmpty()) {
            out.append(String.format(Locale.ROOT, "  unreachable %,d host%s: %s%n", unreachableHosts.size(),
                    unreachableHosts.size() == 1 ? "" : "s", unreachableHosts.entrySet().stream().limit(3)
                            .map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining("; "))
                            + (unreachableHosts.size() > 3 ? "; …" : "")));
        }
        if (!slowedHosts.isEmpty()) {
            out.append(String.format(Locale.ROOT, "  slowed     %,d host%s: %s%n", slowedHosts.size(),
                    slowedHosts.size() == 1 ? "" : "s", slowedHosts.entrySet().stream().limit(3)
                            .map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining("; "))
                            + (slowedHosts.size() > 3 ? "; …" : "")));
        }
        politeness.ifPresent(audit -> out.append("  ").append(audit.verdict()).append('\n'));
        if (retries > 0) {
            out.append(String.format(Locale.ROOT, "  retries    %,d%n", retries));
        }
        if (notFetchedOverBudget > 0) {
            out.append(String.format(Locale.ROOT, "  budget     page budget reached; %,d found URLs not fetched%n",
                    notFetchedOverBudget));
        }
        return out.toString();
    }

    private static String join(Map<?, Long> counts) {
        return counts.entrySet().stream()
                .map(e -> e.getKey() + ": " + String.format(Locale.ROOT, "%,d", e.getValue()))
                .collect(Collectors.joining(", "));
    }

    /** 1536 → "1.5 KiB". */
    public static String humanBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        int unit = (63 - Long.numberOfLeadingZeros(bytes)) / 10;
        return String.format(Locale.ROOT, "%.1f %siB", bytes / Math.pow(1024, unit), "KMGTPE".charAt(unit - 1));
    }
}
