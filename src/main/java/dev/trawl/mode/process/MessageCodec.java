package dev.trawl.mode.process;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trawl.config.CrawlConfig;
import dev.trawl.frontier.CrawlUrl;
import dev.trawl.sink.CrawlRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns a {@link Message} into the JSON payload of one frame and back: an object with {@code "v"} (the
 * protocol version), {@code "type"} and the message's fields. The config travels whole, as Jackson
 * serializes the records (durations as ISO-8601, patterns as their source). Thread-safe (the
 * {@link ObjectMapper} is configured once and only read).
 */
final class MessageCodec {
    private final ObjectMapper json = new ObjectMapper().registerModule(new SimpleModule("trawl-config")
            .addSerializer(Duration.class, text(Duration::toString))
            .addDeserializer(Duration.class, parsed(Duration::parse))
            .addSerializer(Pattern.class, text(Pattern::pattern))
            .addDeserializer(Pattern.class, parsed(Pattern::compile))
            .addSerializer(Path.class, text(Path::toString))
            .addDeserializer(Path.class, parsed(Path::of)));

    /** The payload of {@code message}. */
    byte[] encode(Message message) {
        ObjectNode node = json.createObjectNode();
        node.put("v", Message.VERSION);
        switch (message) {
            case Message.Hello hello -> {
                node.put("type", "hello").put("workerId", hello.workerId());
                node.set("config", json.valueToTree(hello.config()));
                hello.seeds().forEach(node.putArray("seeds")::add);
            }
            case Message.Crawl crawl -> node.put("type", "crawl").set("url", url(crawl.url()));
            case Message.End end -> node.put("type", "end");
            case Message.Stop stop -> node.put("type", "stop");
            case Message.Ready ready -> node.put("type", "ready").put("pid", ready.pid());
            case Message.Discovered discovered -> node.put("type", "discovered").set("url", url(discovered.url()));
            case Message.Recorded recorded -> node.put("type", "record").set("record", record(recorded.record()));
            case Message.Stats stats -> node.put("type", "stats").put("retries", stats.retries());
            case Message.Bye bye -> node.put("type", "bye");
        }
        try {
            return json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    /** The message in {@code payload}. */
    Message decode(byte[] payload) throws ProtocolException {
        JsonNode node;
        try {
            node = json.readTree(payload);
        } catch (IOException e) {
            throw new ProtocolException("frame is not JSON: " + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new ProtocolException("frame is not a JSON object");
        }
        int version = node.path("v").asInt(-1);
        if (version != Message.VERSION) {
            throw new ProtocolException("protocol version mismatch: peer speaks v" + node.path("v")
                    + ", this trawl speaks v" + Message.VERSION + " (coordinator and worker must run the same jar)");
        }
        String type = node.path("type").asText("");
        try {
            return switch (type) {
                case "hello" -> new Message.Hello(node.required("workerId").asInt(),
                        json.treeToValue(node.required("config"), CrawlConfig.class), strings(node.required("seeds")));
                case "crawl" -> new Message.Crawl(url(node.required("url")));
                case "end" -> new Message.End();
                case "stop" -> new Message.Stop();
                case "ready" -> new Message.Ready(node.required("pid").asLong());
                case "discovered" -> new Message.Discovered(url(node.required("url")));
                case "record" -> new Message.Recorded(record(node.required("record")));
                case "stats" -> new Message.Stats(node.required("retries").asLong());
                case "bye" -> new Message.Bye();
                default -> throw new ProtocolException("unknown message type: '" + type + "'");
            };
        } catch (IllegalArgumentException | IOException e) {
            if (e instanceof ProtocolException p) {
                throw p;
            }
            throw new ProtocolException("bad '" + type + "' message: " + e.getMessage(), e);
        }
    }

    private ObjectNode url(CrawlUrl url) {
        ObjectNode node = json.createObjectNode().put("url", url.url()).put("host", url.host())
                .put("depth", url.depth()).put("attempt", url.attempt());
        url.redirectChain().forEach(node.putArray("redirectChain")::add);
        return node;
    }

    private static CrawlUrl url(JsonNode node) {
        return new CrawlUrl(node.required("url").asText(), node.required("host").asText(),
                node.required("depth").asInt(), strings(node.path("redirectChain")), node.path("attempt").asInt());
    }

    private ObjectNode record(CrawlRecord r) {
        ObjectNode node = json.createObjectNode().put("url", r.url()).put("finalUrl", r.finalUrl())
                .put("depth", r.depth()).put("fetchedAt", r.fetchedAt().toString())
                .put("elapsedMillis", r.elapsedMillis()).put("bytes", r.bytes()).put("outlinks", r.outlinks())
                .put("noindex", r.noindex()).put("nofollow", r.nofollow()).put("attempts", r.attempts());
        r.status().ifPresent(status -> node.put("status", status));
        r.contentType().ifPresent(v -> node.put("contentType", v));
        r.title().ifPresent(v -> node.put("title", v));
        r.description().ifPresent(v -> node.put("description", v));
        r.language().ifPresent(v -> node.put("language", v));
        r.canonical().ifPresent(v -> node.put("canonical", v));
        r.charset().ifPresent(v -> node.put("charset", v));
        r.error().ifPresent(v -> node.put("error", v));
        r.errorMessage().ifPresent(v -> node.put("errorMessage", v));
        return node;
    }

    private static CrawlRecord record(JsonNode n) {
        return new CrawlRecord(n.required("url").asText(), n.required("finalUrl").asText(),
                n.hasNonNull("status") ? OptionalInt.of(n.get("status").asInt()) : OptionalInt.empty(),
                text(n, "contentType"), n.required("depth").asInt(), Instant.parse(n.required("fetchedAt").asText()),
                n.path("elapsedMillis").asLong(), n.path("bytes").asLong(), text(n, "title"), text(n, "description"),
                text(n, "language"), text(n, "canonical"), text(n, "charset"), n.path("outlinks").asInt(),
                n.path("noindex").asBoolean(), n.path("nofollow").asBoolean(), n.path("attempts").asInt(),
                text(n, "error"), text(n, "errorMessage"));
    }

    private static Optional<String> text(JsonNode node, String field) {
        return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(element -> out.add(element.asText()));
        return out;
    }

    private static <T> JsonSerializer<T> text(Function<T, String> format) {
        return new JsonSerializer<>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(format.apply(value));
            }
        };
    }

    private static <T> JsonDeserializer<T> parsed(Function<String, T> parse) {
        return new JsonDeserializer<>() {
            @Override
            public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                return parse.apply(parser.getValueAsString());
            }
        };
    }
}
