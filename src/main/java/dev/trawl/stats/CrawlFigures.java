package dev.trawl.stats;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one crawl process measured about itself, written by {@code trawl crawl --stats-json FILE} and read
 * by {@code trawl bench}, which runs each crawl as a process of its own. The one owner of that file's
 * layout (snake_case JSON). Times are milliseconds; {@code *_since_jvm_start_ms} count from the JVM's
 * start, so start-up is part of them. Immutable.
 *
 * @param mode              the crawl's mode
 * @param pages             records written (URLs fetched or tried)
 * @param responses         records with an HTTP response
 * @param errors            records with an error
 * @param bytes             decompressed body bytes
 * @param crawlMs           wall time from the crawl's start to its end (JVM start-up not included)
 * @param p50Ms             median fetch latency
 * @param p95Ms             95th-percentile fetch latency
 * @param p99Ms             99th-percentile fetch latency
 * @param gcMs              time spent in garbage collection, this JVM only
 * @param gcCount           garbage collections, this JVM only
 * @param peakHeapMib       peak used heap, this JVM only
 * @param peakThreads       most live threads at once, this JVM only
 * @param crawlStartSinceJvmStartMs when the crawl started, counted from the JVM's start
 * @param firstPageSinceJvmStartMs when the first record was written (the time a user waits), counted from the
 *                          JVM's start; equal to the end when there was none
 * @param samples           pages written over time, sampled every {@link #SAMPLE_EVERY_MS} ms
 * @param extra             figures particular to the mode, e.g. {@code pipe_bytes} and {@code pipe_messages}
 */
public record CrawlFigures(
        String mode,
        long pages,
        long responses,
        long errors,
        long bytes,
        long crawlMs,
        long p50Ms,
        long p95Ms,
        long p99Ms,
        long gcMs,
        long gcCount,
        double peakHeapMib,
        int peakThreads,
        long crawlStartSinceJvmStartMs,
        long firstPageSinceJvmStartMs,
        List<Sample> samples,
        Map<String, Long> extra) {

    /** How often pages are sampled. */
    public static final long SAMPLE_EVERY_MS = 100;
    /** The fewest sampling intervals a rate from the samples spans. */
    static final int MIN_RATE_SPAN_SAMPLES = 5;

    /**
     * The mapper, made when figures are first written or read (--stats-json, bench), not when the class is
     * first used: every crawl makes its figures, and a mapper was tens of milliseconds of a short crawl's start.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    public CrawlFigures {
        Objects.requireNonNull(mode, "mode");
        samples = List.copyOf(samples);
        extra = Map.copyOf(extra);
    }

    /**
     * Pages written by a moment of the crawl.
     *
     * @param sinceJvmStartMs the moment, counted from the JVM's start
     * @param pages           records written by then
     */
    public record Sample(long sinceJvmStartMs, long pages) {}

    /**
     * Pages per second over the part of the crawl in which it wrote its pages from the {@code from} share of
     * them to the {@code to} share (0.1 and 0.9: the middle 80%), each moment interpolated between the two
     * samples around it. Empty when there were no pages, or the two moments are under
     * {@link #MIN_RATE_SPAN_SAMPLES} sampling intervals apart (too few samples to tell a rate from).
     */
    public Optional<Double> pagesPerSecondBetween(double from, double to) {
        if (!(from >= 0 && from < to && to <= 1)) {
            throw new IllegalArgumentException("need 0 <= from < to <= 1: " + from + ", " + to);
        }
        Optional<Double> start = momentOf(from * pages);
        Optional<Double> end = momentOf(to * pages);
        if (pages == 0 || start.isEmpty() || end.isEmpty()
                || end.get() - start.get() < MIN_RATE_SPAN_SAMPLES * SAMPLE_EVERY_MS) {
            return Optional.empty();
        }
        return Optional.of((to - from) * pages * 1000 / (end.get() - start.get()));
    }

    /** When the samples first reached {@code count} pages, in ms since the JVM's start, interpolated. */
    private Optional<Double> momentOf(double count) {
        for (int i = 0; i < samples.size(); i++) {
            Sample sample = samples.get(i);
            if (sample.pages() >= count) {
                if (i == 0) {
                    return Optional.of((double) sample.sinceJvmStartMs());
                }
                Sample before = samples.get(i - 1);
                double share = (count - before.pages()) / (double) (sample.pages() - before.pages());
                return Optional.of(before.sinceJvmStartMs() + share * (sample.sinceJvmStartMs() - before.sinceJvmStartMs()));
            }
        }
        return Optional.empty();
    }

    /** Writes these figures to {@code file} as JSON. */
    public void write(Path file) throws IOException {
        Json.MAPPER.writeValue(file.toFile(), this);
    }

    /** Reads figures written by {@link #write}. */
    public static CrawlFigures read(Path file) throws IOException {
        return Json.MAPPER.readValue(file.toFile(), CrawlFigures.class);
    }
}
