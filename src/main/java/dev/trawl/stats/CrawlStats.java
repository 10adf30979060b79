package dev.trawl.stats;

import dev.trawl.fetch.FailureKind;
import dev.trawl.frontier.UrlNormalizer;
import dev.trawl.sink.CrawlRecord;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Running counts of a crawl, fed one record at a time by the consumers. Thread-safe and cheap to
 * update from many threads (adders and a concurrent histogram); {@link #summary} takes a consistent
 * enough snapshot for a progress line or the final report.
 */
public final class CrawlStats {
    /**
     * Record errors that mean the host itself could not be reached: no name, no connection, no TLS, or no
     * headers before a timeout. A host with only these and no response at all is unreachable.
     */
    private static final Set<FailureKind> UNREACHABLE_KINDS =
            EnumSet.of(FailureKind.DNS, FailureKind.CONNECT, FailureKind.TLS, FailureKind.TIMEOUT);

    private final LongSupplier nanoClock;
    private final long startNanos;
    private final LongAdder records = new LongAdder();
    private final LongAdder responses = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errorsByKind = new ConcurrentHashMap<>();
    private final Histogram latencyMillis = new ConcurrentHistogram(3_600_000L, 3);
    /** Hosts that gave at least one HTTP response. */
    private final Set<String> answered = ConcurrentHashMap.newKeySet();
    /** Hosts whose requests (or robots.txt) got no response at all, with the last such failure. */
    private final Map<String, String> unreachable = new ConcurrentHashMap<>();

    public CrawlStats(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
    }

    /** Counts one written record. */
    public void record(CrawlRecord record) {
        records.increment();
        String host = UrlNormalizer.hostKey(record.url());
        if (record.status().isPresent()) {
            answered.add(host);
        } else {
            record.error().filter(e -> UNREACHABLE_KINDS.contains(e.kind())).ifPresent(e ->
                    unreachable.put(host, e.kind().label() + ": " + e.message()));
        }
        record.status().ifPresent(status -> {
            responses.increment();
            byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
            latencyMillis.recordValue(Math.min(Math.max(record.elapsedMillis(), 0), 3_600_000L));
        });
        bytes.add(record.bytes());
        record.error().ifPresent(e -> errorsByKind.computeIfAbsent(e.kind().label(), k -> new LongAdder()).increment());
    }

    /** Counts a request that will be tried again. */
    public void retried() {
        retries.increment();
    }

    /** Records written so far. */
    public long records() {
        return records.sum();
    }

    /** Records with an error so far. */
    public long errors() {
        return errorsByKind.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Time since the crawl started. */
    public Duration elapsed() {
        return Duration.ofNanos(nanoClock.getAsLong() - startNanos);
    }

    /** A snapshot of every figure. */
    public Summary summary(boolean interrupted, long notFetchedOverBudget) {
        Histogram latency = latencyMillis.copy();
        return Summary.builder().records(records.sum()).responses(responses.sum()).bytes(bytes.sum())
                .retries(retries.sum()).byStatus(sorted(byStatus)).errorsByKind(sorted(errorsByKind)).wall(elapsed())
                .latencyMillis(percentile(latency, 50), percentile(latency, 95), percentile(latency, 99))
                .notFetchedOverBudget(notFetchedOverBudget).interrupted(interrupted)
                .unreachableHosts(unreachableHosts()).build();
    }

    private static long percentile(Histogram latency, double percentile) {
        return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(percentile);
    }

    /** Hosts that never answered and failed with dns, connect or tls, with the last failure. */
    private Map<String, String> unreachableHosts() {
        Map<String, String> out = new TreeMap<>(unreachable);
        out.keySet().removeAll(answered);
        return out;
    }

    private static <K extends Comparable<K>> Map<K, Long> sorted(Map<K, LongAdder> counts) {
        Map<K, Long> out = new TreeMap<>();
        counts.forEach((key, adder) -> out.put(key, adder.sum()));
        return out;
    }
}
