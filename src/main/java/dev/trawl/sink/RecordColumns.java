package dev.trawl.sink;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The record's own fields as flat columns, in output order, with their documented names: the one list
 * that the JSON codec, the CSV header and the SQLite {@code pages} table all follow. Immutable.
 */
public final class RecordColumns {

    /** How a column's values are typed in a database. */
    public enum Type { TEXT, INTEGER, BOOLEAN }

    /**
     * One column.
     *
     * @param name the documented name ({@code final_url})
     * @param type how its values are typed
     * @param value the record's value: a String, Long, Boolean, or empty for null
     */
    public record Column(String name, Type type, Function<CrawlRecord, Optional<Object>> value) {}

    /** Every column, in the JSONL order. */
    public static final List<Column> ALL = List.of(
            text("url", r -> Optional.of(r.url())),
            text("final_url", r -> Optional.of(r.finalUrl())),
            integer("status", r -> r.status().isPresent() ? Optional.of((long) r.status().getAsInt()) : Optional.empty()),
            text("title", r -> r.title().map(v -> v)),
            text("content_type", r -> r.contentType().map(v -> v)),
            integer("depth", r -> Optional.of((long) r.depth())),
            text("fetched_at", r -> Optional.of(r.fetchedAt().toString())),
            integer("elapsed_ms", r -> Optional.of(r.elapsedMillis())),
            integer("bytes", r -> Optional.of(r.bytes())),
            text("description", r -> r.description().map(v -> v)),
            text("language", r -> r.language().map(v -> v)),
            text("canonical", r -> r.canonical().map(v -> v)),
            text("charset", r -> r.charset().map(v -> v)),
            integer("outlinks", r -> Optional.of((long) r.outlinks())),
            bool("noindex", r -> Optional.of(r.noindex())),
            bool("nofollow", r -> Optional.of(r.nofollow())),
            integer("attempts", r -> Optional.of((long) r.attempts())),
            text("error", r -> r.error().map(e -> e.kind().label())),
            text("error_message", r -> r.error().map(CrawlRecord.Problem::message)));

    private RecordColumns() {}

    private static Column text(String name, Function<CrawlRecord, Optional<Object>> value) {
        return new Column(name, Type.TEXT, value);
    }

    private static Column integer(String name, Function<CrawlRecord, Optional<Object>> value) {
        return new Column(name, Type.INTEGER, value);
    }

    private static Column bool(String name, Function<CrawlRecord, Optional<Object>> value) {
        return new Column(name, Type.BOOLEAN, value);
    }
}
