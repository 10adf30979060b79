package dev.trawl.bench;

import java.util.Locale;
import java.util.Optional;

/**
 * The limits no mode can beat, measured in the same bench run as the modes (or, for the concurrency bound,
 * computed from the workload): whichever is lowest binds. Immutable.
 *
 * @param serverPagesPerSecond what the sim server answers per second to a trivial client with
 *                             {@code serverConcurrency} requests in flight: the crawl must stay well below it
 * @param serverConcurrency    requests the trivial client kept in flight
 * @param parsePagesPerSecond  jsoup parsing the workload's own pages on every core, nothing else
 * @param cores                the cores the parse rate used (and the crawl has)
 * @param inFlight             requests a crawl may have in flight: the least of max-in-flight and hosts × per-host
 * @param meanLatencyMs        the workload's mean response latency; 0 when it has none
 */
public record Ceilings(double serverPagesPerSecond, int serverConcurrency, double parsePagesPerSecond, int cores,
        int inFlight, double meanLatencyMs) {

    /** {@code inFlight / meanLatency}: the most pages per second any crawl can wait for; empty without latency. */
    public Optional<Double> concurrencyBound() {
        return meanLatencyMs > 0 ? Optional.of(inFlight * 1000.0 / meanLatencyMs) : Optional.empty();
    }

    /** The ceiling that binds: the lowest of the three. */
    public Ceiling binding() {
        Ceiling lowest = new Ceiling(Ceiling.Kind.PARSE, parsePagesPerSecond);
        if (concurrencyBound().isPresent() && concurrencyBound().get() < lowest.pagesPerSecond()) {
            lowest = new Ceiling(Ceiling.Kind.CONCURRENCY, concurrencyBound().get());
        }
        if (serverPagesPerSecond < lowest.pagesPerSecond()) {
            lowest = new Ceiling(Ceiling.Kind.SERVER, serverPagesPerSecond);
        }
        return lowest;
    }

    /** How a person reads a ceiling of this run, e.g. {@code the 64 / 63 ms bound (1,016 pages/s)}. */
    public String describe(Ceiling ceiling) {
        return switch (ceiling.kind()) {
            case CONCURRENCY -> String.format(Locale.ROOT, "the %d / %.0f ms bound (%,.0f pages/s)", inFlight,
                    meanLatencyMs, ceiling.pagesPerSecond());
            case PARSE -> String.format(Locale.ROOT, "the parse-only rate on %d cores (%,.0f pages/s)", cores,
                    ceiling.pagesPerSecond());
            case SERVER -> String.format(Locale.ROOT, "the server's capacity (%,.0f pages/s)", ceiling.pagesPerSecond());
        };
    }

    /**
     * One ceiling.
     *
     * @param kind           which
     * @param pagesPerSecond how high it is
     */
    public record Ceiling(Kind kind, double pagesPerSecond) {
        /** What a ceiling is. */
        public enum Kind { CONCURRENCY, PARSE, SERVER }
    }
}
