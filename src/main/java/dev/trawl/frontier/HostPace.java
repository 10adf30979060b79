package dev.trawl.frontier;

import dev.trawl.config.CrawlConfig;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Adaptive politeness: from what each host answered, the extra gap its requests should keep on top of
 * {@code politeness.delay} and its Crawl-delay. Pure, like {@link TrapGuard}: it is told each response
 * (status, response time, Retry-After) and answers with the host's extra gap; the frontier applies it.
 * Counts responses, not time, so it needs no clock.
 *
 * <ul>
 *   <li>429 or 503: the gap becomes the pause the response owes when it has one (the server's word first:
 *       its Retry-After, as {@link dev.trawl.audit.AuditPolicy#holdFor} rules), otherwise {@code backoff-step},
 *       then doubles on each further one; never above {@code max-backoff}.
 *   <li>Slow: once {@link #WARMUP} responses set a baseline, a moving average of response times above
 *       {@code slow-factor} times the baseline (and by at least {@link #MIN_RISE}, so loopback jitter of a
 *       millisecond is not a "rise") raises the gap the same way, at most once per {@code recover-after}
 *       responses, so one slow spell is not counted as many.
 *   <li>Recovery is slow: after {@code recover-after} healthy responses in a row the gap halves; at half a
 *       step or less it is gone.
 * </ul>
 *
 * <p>Not thread-safe: the frontier calls it under its lock. Memory: one small entry per host that answered.
 */
final class HostPace {
    /** Responses whose times make up a host's first baseline. */
    static final int WARMUP = 5;
    /** The smallest rise over the baseline that counts as slow. */
    static final Duration MIN_RISE = Duration.ofMillis(250);
    /** Weight of the newest response time in the moving average. */
    private static final double ALPHA = 0.3;

    /** Why a host was slowed. */
    enum Cause {
        TOO_MANY_REQUESTS("429"), UNAVAILABLE("503"), SLOW("slow responses");

        final String label;

        Cause(String label) {
            this.label = label;
        }
    }

    private final CrawlConfig.Adaptive config;
    private final Map<String, Pace> hosts = new HashMap<>();

    HostPace(CrawlConfig.Adaptive config) {
        this.config = config;
    }

    /** One host's books. */
    private static final class Pace {
        long extraNanos;
        long peakNanos;
        double averageNanos;
        double baselineNanos;
        int samples;
        int healthy;
        int sinceRaise = Integer.MAX_VALUE;
        final EnumMap<Cause, Integer> causes = new EnumMap<>(Cause.class);
    }

    /**
     * Takes one response from {@code host} and answers the host's extra gap from now on.
     *
     * @param elapsed the response's time, start to end of body
     * @param hold the pause the response owes the host, if any ({@link dev.trawl.audit.AuditPolicy#holdFor}: its
     *     Retry-After, capped); HostPace does not read a Retry-After itself, so the rule has one owner
     */
    Duration observe(String host, int status, Duration elapsed, Optional<Duration> hold) {
        if (!config.enabled()) {
            return Duration.ZERO;
        }
        Pace pace = hosts.computeIfAbsent(host, h -> new Pace());
        if (status == 429 || status == 503) {
            // an error page comes back fast: its time says nothing about the host's load
            pace.causes.merge(status == 429 ? Cause.TOO_MANY_REQUESTS : Cause.UNAVAILABLE, 1, Integer::sum);
            pace.healthy = 0;
            pace.sinceRaise = 0;
            // set's cap is the backoff's (max-backoff, the same figure that capped the hold): the hold is under it
            set(pace, hold.map(Duration::toNanos).orElseGet(() -> raised(pace)));
            return Duration.ofNanos(pace.extraNanos);
        }
        long nanos = elapsed.toNanos();
        pace.averageNanos = pace.samples == 0 ? nanos : ALPHA * nanos + (1 - ALPHA) * pace.averageNanos;
        pace.samples++;
        if (pace.samples <= WARMUP) {
            pace.baselineNanos = pace.averageNanos;
        } else {
            pace.baselineNanos = Math.min(pace.baselineNanos, pace.averageNanos);
        }
        boolean slow = pace.samples > WARMUP && pace.averageNanos > config.slowFactor() * pace.baselineNanos
                && pace.averageNanos - pace.baselineNanos >= MIN_RISE.toNanos();
        if (pace.sinceRaise < Integer.MAX_VALUE) {
            pace.sinceRaise++;
        }
        if (slow) {
            pace.healthy = 0;
            if (pace.sinceRaise >= config.recoverAfter()) {
                pace.causes.merge(Cause.SLOW, 1, Integer::sum);
                pace.sinceRaise = 0;
                set(pace, raised(pace));
            }
        } else if (pace.extraNanos > 0 && ++pace.healthy >= config.recoverAfter()) {
            pace.healthy = 0;
            long halved = pace.extraNanos / 2;
            pace.extraNanos = halved <= config.step().toNanos() / 2 ? 0 : halved;
        }
        return Duration.ofNanos(pace.extraNanos);
    }

    /** The host's extra gap now. */
    Duration extra(String host) {
        Pace pace = hosts.get(host);
        return pace == null ? Duration.ZERO : Duration.ofNanos(pace.extraNanos);
    }

    /**
     * The hosts ever slowed, by name, each with why and how much, e.g.
     * {@code 127.0.0.1:8080 → 503 x3, peak 4s, now 1s}.
     */
    Map<String, String> slowed() {
        Map<String, String> out = new TreeMap<>();
        hosts.forEach((host, pace) -> {
            if (!pace.causes.isEmpty()) {
                out.put(host, pace.causes.entrySet().stream().map(e -> e.getKey().label + " x" + e.getValue())
                        .collect(Collectors.joining(", "))
                        + ", peak " + human(pace.peakNanos) + ", now " + human(pace.extraNanos));
            }
        });
        return out;
    }

    /** The gap after one more raise: a step from nothing, else double. */
    private long raised(Pace pace) {
        long step = config.step().toNanos();
        return pace.extraNanos == 0 ? step : pace.extraNanos > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : pace.extraNanos * 2;
    }

    private void set(Pace pace, long nanos) {
        pace.extraNanos = Math.min(nanos, config.maxBackoff().toNanos());
        pace.peakNanos = Math.max(pace.peakNanos, pace.extraNanos);
    }

    /** 4000 ms → "4s", 1500 ms → "1.5s", 250 ms → "250ms". */
    static String human(long nanos) {
        long millis = Duration.ofNanos(nanos).toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }
}
