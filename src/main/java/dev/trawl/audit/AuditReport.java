package dev.trawl.audit;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What {@link PolitenessAudit} found: enough for the summary's one-line verdict ({@link #verdict()}) and for
 * {@code trawl audit}'s table. Immutable.
 *
 * @param policy the promises checked
 * @param requests requests seen (robots.txt and sitemaps included)
 * @param hosts hosts they went to
 * @param violationsByKind violations counted by kind
 * @param firstViolations the first violations, in time order, at most {@value PolitenessAudit#MAX_LISTED}
 * @param tightest the gap closest to (or furthest under) what was required, over all hosts
 * @param peakInFlight the most requests in flight to one host
 * @param retryAfterHolds Retry-After pauses the crawl was asked for
 * @param worstHosts hosts with violations first, then those whose tightest gap was closest to the limit;
 *     at most {@value PolitenessAudit#MAX_HOSTS}
 */
public record AuditReport(AuditPolicy policy, long requests, int hosts, Map<Violation.Kind, Long> violationsByKind,
        List<Violation> firstViolations, Optional<Gap> tightest, int peakInFlight, long retryAfterHolds,
        List<HostRow> worstHosts) {

    public AuditReport {
        Objects.requireNonNull(policy, "policy");
        violationsByKind = Map.copyOf(violationsByKind);
        firstViolations = List.copyOf(firstViolations);
        Objects.requireNonNull(tightest, "tightest");
        worstHosts = List.copyOf(worstHosts);
    }

    /**
     * A gap between a request and the host's previous one (its start or its end, whichever was later).
     *
     * @param gap the time between them
     * @param required what the host was owed then
     */
    public record Gap(Duration gap, Duration required, String host, String url) {}

    /** One host's line of the audit table. */
    public record HostRow(String host, long requests, Optional<Gap> tightest, int peakInFlight, long violations) {}

    /** All violations. */
    public long violations() {
        return violationsByKind.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Whether every request kept every promise. */
    public boolean polite() {
        return violations() == 0;
    }

    /**
     * One line: {@code politeness: OK — 1,114 requests to 4 hosts; tightest gap 251 ms (required 250 ms); at
     * most 2 in flight per host (cap 2)}, or {@code politeness: 3 VIOLATIONS — …} with the first one.
     */
    public String verdict() {
        if (requests == 0) {
            return "politeness: OK — no requests made";
        }
        String figures = String.format(Locale.ROOT, "%,d request%s to %,d host%s", requests, requests == 1 ? "" : "s",
                hosts, hosts == 1 ? "" : "s")
                + tightest.map(g -> "; tightest gap " + millis(g.gap()) + " (required " + millis(g.required()) + ")")
                        .orElse("")
                + "; at most " + peakInFlight + " in flight per host (cap " + policy.perHost() + ")"
                + (retryAfterHolds > 0 ? String.format(Locale.ROOT, "; %,d Retry-After pause%s", retryAfterHolds,
                        retryAfterHolds == 1 ? "" : "s") : "");
        if (polite()) {
            return "politeness: OK — " + figures;
        }
        long n = violations();
        String kinds = new TreeMap<>(violationsByKind).entrySet().stream().map(e -> e.getKey().count(e.getValue()))
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "politeness: %,d VIOLATION%s — %s; %s; first: %s", n, n == 1 ? "" : "S",
                kinds, figures, firstViolations.get(0).render());
    }

    /** 0.2514 s → "251 ms", 1.5 s → "1,500 ms"; under a millisecond with three decimals. */
    public static String millis(Duration d) {
        long nanos = d.toNanos();
        if (Math.abs(nanos) < 1_000_000) {
            return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%,d ms", d.toMillis());
    }
}
