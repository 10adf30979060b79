package dev.trawl.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An {@link AuditEvent} as one line of JSON, the audit log's format (and how a processes-mode child sends
 * its facts to the coordinator):
 * <pre>
 * {"event":"start","at":"2026-11-26T17:05:01.123456789Z","delay":"PT1S","per_host":2,"max_crawl_delay":"PT30S","max_retry_after":"PT1M"}
 * {"event":"orphaned","at":"…","hosts":["a.test:80","b.test:80"]}
 * {"event":"sent","at":"…","leased":"…","host":"a.test:80","kind":"page","url":"http://a.test/x"}
 * {"event":"answered","at":"…","host":"a.test:80","url":"http://a.test/x","status":503,"retry_after":"PT5S"}
 * {"event":"ended","at":"…","host":"a.test:80","url":"http://a.test/robots.txt","crawl_delay":"PT2S"}
 * </pre>
 * Times are ISO-8601 instants to the nanosecond, durations ISO-8601. Stateless and thread-safe.
 */
public final class AuditLines {
    private static final JsonFactory FACTORY = new JsonFactory();

    /** Made when a line is first parsed (trawl audit, a processes-mode coordinator), not for every crawl's clock. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private AuditLines() {}

    /** {@code event} as one line of JSON, without the line break. */
    public static String format(AuditEvent event) {
        StringWriter text = new StringWriter(160);
        try (JsonGenerator out = FACTORY.createGenerator(text)) {
            out.writeStartObject();
            switch (event) {
                case AuditEvent.Start start -> {
                    head(out, "start", start.at());
                    out.writeStringField("delay", start.policy().delay().toString());
                    out.writeNumberField("per_host", start.policy().perHost());
                    out.writeStringField("max_crawl_delay", start.policy().maxCrawlDelay().toString());
                    out.writeStringField("max_retry_after", start.policy().maxRetryAfter().toString());
                }
                case AuditEvent.Orphaned orphaned -> {
                    head(out, "orphaned", orphaned.at());
                    out.writeArrayFieldStart("hosts");
                    for (String host : orphaned.hosts()) {
                        out.writeString(host);
                    }
                    out.writeEndArray();
                }
                case AuditEvent.Sent sent -> {
                    head(out, "sent", sent.at());
                    out.writeStringField("leased", instant(sent.leased()).toString());
                    out.writeStringField("host", sent.host());
                    out.writeStringField("kind", sent.kind().name().toLowerCase(Locale.ROOT));
                    out.writeStringField("url", sent.url());
                }
                case AuditEvent.Answered answered -> {
                    head(out, "answered", answered.at());
                    out.writeStringField("host", answered.host());
                    out.writeStringField("url", answered.url());
                    out.writeNumberField("status", answered.status());
                    if (answered.retryAfter().isPresent()) {
                        out.writeStringField("retry_after", answered.retryAfter().get().toString());
                    }
                }
                case AuditEvent.Ended ended -> {
                    head(out, "ended", ended.at());
                    out.writeStringField("host", ended.host());
                    out.writeStringField("url", ended.url());
                    if (ended.crawlDelay().isPresent()) {
                        out.writeStringField("crawl_delay", ended.crawlDelay().get().toString());
                    }
                }
            }
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString();
    }

    private static void head(JsonGenerator out, String event, long at) throws IOException {
        out.writeStringField("event", event);
        out.writeStringField("at", instant(at).toString());
    }

    /**
     * The event on one line.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static AuditEvent parse(String line) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String event = text(node, "event");
        long at = epochNanos(text(node, "at"));
        return switch (event) {
            case "start" -> new AuditEvent.Start(at, new AuditPolicy(duration(node, "delay").orElseThrow(
                    () -> missing("delay")), positive(node, "per_host"),
                    duration(node, "max_crawl_delay").orElseThrow(() -> missing("max_crawl_delay")),
                    duration(node, "max_retry_after").orElseThrow(() -> missing("max_retry_after"))));
            case "orphaned" -> new AuditEvent.Orphaned(at, hosts(node));
            case "sent" -> new AuditEvent.Sent(at, epochNanos(text(node, "leased")), text(node, "host"), text(node, "url"),
                    kind(text(node, "kind")));
            case "answered" -> new AuditEvent.Answered(at, text(node, "host"), text(node, "url"),
                    positive(node, "status"), duration(node, "retry_after"));
            case "ended" -> new AuditEvent.Ended(at, text(node, "host"), text(node, "url"),
                    duration(node, "crawl_delay"));
            default -> throw new IllegalArgumentException("unknown event '" + event
                    + "' (expected start, orphaned, sent, answered or ended)");
        };
    }

    /** Nanoseconds since the epoch of {@code instant}. */
    public static long epochNanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    /** The instant {@code epochNanos} nanoseconds after the epoch. */
    public static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
    }

    private static long epochNanos(String text) {
        try {
            return epochNanos(Instant.parse(text));
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("not an ISO-8601 instant: '" + text + "'", e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw missing(field);
        }
        return value.asText();
    }

    private static List<String> hosts(JsonNode node) {
        JsonNode value = node.get("hosts");
        if (value == null || !value.isArray()) {
            throw new IllegalArgumentException("'hosts' must be a list of hosts");
        }
        List<String> hosts = new ArrayList<>(value.size());
        for (JsonNode host : value) {
            if (!host.isTextual()) {
                throw new IllegalArgumentException("'hosts' must be a list of hosts");
            }
            hosts.add(host.asText());
        }
        return hosts;
    }

    private static int positive(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt() || value.asInt() < 1) {
            throw new IllegalArgumentException("'" + field + "' must be a positive whole number");
        }
        return value.asInt();
    }

    private static Optional<Duration> duration(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.parse(value.asText()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + field + "' is not an ISO-8601 duration: '" + value.asText() + "'", e);
        }
    }

    private static AuditEvent.Kind kind(String text) {
        try {
            return AuditEvent.Kind.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'kind' must be robots, sitemap or page: '" + text + "'", e);
        }
    }

    private static IllegalArgumentException missing(String field) {
        return new IllegalArgumentException("no '" + field + "'");
    }
}
