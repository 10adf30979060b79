package dev.trawl.sink;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.trawl.fetch.FailureKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The one serialization of a {@link CrawlRecord}: a JSON object with the columns of {@link RecordColumns}
 * ({@code url}, {@code final_url}, {@code status}, …, {@code error}, {@code error_message}) in their order,
 * every field present, absent values as {@code null}. The JSONL sink writes it as a line; processes mode sends it
 * through the pipe inside a message. Stateless and thread-safe.
 */
public final class RecordCodec {
    private static final JsonFactory FACTORY = new JsonFactory();

    private RecordCodec() {}

    /** Where a record is going, which decides what is written beyond the columns. */
    public enum Use {
        /** A JSONL line (and trawl's WARC metadata): the columns, then {@code "fields"} when there are rules. */
        FILE,
        /** The processes-mode pipe: as FILE, plus {@code "links"}, which SQLite's links table needs. */
        PIPE
    }

    /** The JSON text of {@code r} as a JSONL line has it, UTF-8, without the line end. */
    public static byte[] bytes(CrawlRecord r) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
            try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
                write(json, r, Use.FILE);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize the record of " + r.url(), e);
        }
    }

    /** Writes {@code r} as one JSON object at the generator's current position. */
    public static void write(JsonGenerator json, CrawlRecord r, Use use) throws IOException {
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
        if (!r.fields().isEmpty()) {
            writeFields(json, r.fields());
        }
        if (use == Use.PIPE && !r.links().isEmpty()) {
            json.writeArrayFieldStart("links");
            for (String link : r.links()) {
                json.writeString(link);
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    /**
     * The {@code "fields"} object: one member per rule, a string, null or a list. Written with instanceof tests
     * rather than a pattern switch, and each list's values by index rather than by an iterator: with ten rules this
     * runs for some sixty strings a record, and under the launcher's C1 a type switch is a call through its
     * bootstrap's method handle. (The rules themselves are walked by entry: a few, against the values' dozens.)
     */
    private static void writeFields(JsonGenerator json, Map<String, FieldValue> fields) throws IOException {
        json.writeObjectFieldStart("fields");
        for (Map.Entry<String, FieldValue> field : fields.entrySet()) {
            FieldValue value = field.getValue();
            if (value instanceof FieldValue.Many many) {
                List<String> values = many.values();
                int count = values.size();
                json.writeFieldName(field.getKey());
                json.writeStartArray(values, count);
                for (int k = 0; k < count; k++) {
                    json.writeString(values.get(k));
                }
                json.writeEndArray();
            } else {
                Optional<String> one = ((FieldValue.One) value).value(); // FieldValue is sealed: One or Many
                if (one.isPresent()) {
                    json.writeStringField(field.getKey(), one.get());
                } else {
                    json.writeNullField(field.getKey());
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
        if (node.hasNonNull("fields")) {
            Map<String, FieldValue> fields = new LinkedHashMap<>();
            node.get("fields").properties().forEach(field -> fields.put(field.getKey(), fieldValue(field.getValue())));
            b.fields(fields);
        }
        if (node.hasNonNull("links")) {
            List<String> links = new ArrayList<>();
            node.get("links").forEach(link -> links.add(link.asText()));
            b.links(links);
        }
        return b.build();
    }

    private static FieldValue fieldValue(JsonNode value) {
        if (value.isArray()) {
            List<String> values = new ArrayList<>();
            value.forEach(v -> values.add(v.asText()));
            return new FieldValue.Many(values);
        }
        return value.isNull() ? FieldValue.NONE : new FieldValue.One(Optional.of(value.asText()));
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
