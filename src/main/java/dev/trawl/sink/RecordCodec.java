package dev.trawl.sink;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.trawl.fetch.FailureKind;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The one serialization of a {@link CrawlRecord}: a JSON object with the columns of {@link RecordColumns}
 * ({@code url}, {@code final_url}, {@code status}, …, {@code error}, {@code error_message}) in their order,
 * every field present, absent values as {@code null}. The JSONL sink writes it as a line; processes mode sends it
 * through the pipe inside a message. Stateless and thread-safe.
 */
public final class RecordCodec {
    private RecordCodec() {}

    /** Writes {@code r} as one JSON object at the generator's current position. */
    public static void write(JsonGenerator json, CrawlRecord r) throws IOException {
        json.writeStartObject();
        for (RecordColumns.Column column : RecordColumns.ALL) {
            Optional<Object> value = column.value().apply(r);
            if (value.isEmpty()) {
                json.writeNullField(column.name());
            } else {
                switch (value.get()) {
                    case String text -> json.writeStringField(column.name(), text);
                    case Long number -> json.writeNumberField(column.name(), number);
                    case Boolean flag -> json.writeBooleanField(column.name(), flag);
                    default -> throw new IllegalStateException("column " + column.name() + " holds a "
                            + value.get().getClass().getSimpleName());
                }
            }
        }
        json.writeEndObject();
    }

    /**
     * The record in {@code node}, as {@link #write} wrote it.
     *
     * @throws IllegalArgumentException naming the field that is missing or malformed
     */
    public static CrawlRecord read(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a record must be a JSON object");
        }
        CrawlRecord.Builder b = CrawlRecord.builder(required(node, "url").asText(), required(node, "depth").asInt())
                .finalUrl(required(node, "final_url").asText())
                .status(node.hasNonNull("status") ? OptionalInt.of(node.get("status").asInt()) : OptionalInt.empty())
                .contentType(text(node, "content_type"))
                .fetchedAt(instant(required(node, "fetched_at").asText()))
                .elapsedMillis(node.path("elapsed_ms").asLong())
                .bytes(node.path("bytes").asLong())
                .title(text(node, "title"))
                .description(text(node, "description"))
                .language(text(node, "language"))
                .canonical(text(node, "canonical"))
                .charset(text(node, "charset"))
                .outlinks(node.path("outlinks").asInt())
                .noindex(node.path("noindex").asBoolean())
                .nofollow(node.path("nofollow").asBoolean())
                .attempts(node.path("attempts").asInt());
        Optional<String> error = text(node, "error");
        if (error.isPresent()) {
            b.error(kind(error.get()), text(node, "error_message").orElse(""));
        }
        return b.build();
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("record field '" + field + "' is missing");
        }
        return value;
    }

    private static Optional<String> text(JsonNode node, String field) {
        return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("record field 'fetched_at' is not an ISO-8601 instant: '" + text + "'");
        }
    }

    private static FailureKind kind(String label) {
        try {
            return FailureKind.valueOf(label.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("record field 'error' names no known kind: '" + label + "'");
        }
    }
}
