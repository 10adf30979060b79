package dev.trawl.mode.process;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.config.ConfigJson;
import dev.trawl.config.CrawlConfig;
import dev.trawl.frontier.CrawlUrl;
import dev.trawl.frontier.Frontier;
import dev.trawl.fetch.WireExchange;
import dev.trawl.sink.RecordCodec;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link Message} into the JSON payload of one frame and back: an object with {@code "v"} (the
 * protocol version), {@code "type"} and the message's fields; a record as {@link RecordCodec} writes it, the
 * config whole ({@link ConfigJson}). Thread-safe (the {@link ObjectMapper} is configured once and only read).
 */
final class MessageCodec {
    private final ObjectMapper json = ConfigJson.mapper();

    /** The payload of {@code message}. */
    byte[] encode(Message message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (JsonGenerator out = json.getFactory().createGenerator(bytes)) {
            out.writeStartObject();
            out.writeNumberField("v", Message.VERSION);
            switch (message) {
                case Message.Hello hello -> {
                    out.writeStringField("type", "hello");
                    out.writeNumberField("workerId", hello.workerId());
                    out.writeFieldName("config");
                    out.writeObject(hello.config());
                    strings(out, "seeds", hello.seeds());
                }
                case Message.Crawl crawl -> url(out, "crawl", crawl.url());
                case Message.End end -> out.writeStringField("type", "end");
                case Message.Stop stop -> out.writeStringField("type", "stop");
                case Message.Ready ready -> {
                    out.writeStringField("type", "ready");
                    out.writeNumberField("pid", ready.pid());
                }
                case Message.Discovered discovered -> url(out, "discovered", discovered.url());
                case Message.Recorded recorded -> {
                    out.writeStringField("type", "record");
                    out.writeFieldName("record");
                    RecordCodec.write(out, recorded.record(), RecordCodec.Use.PIPE);
                    strings(out, "links", recorded.links());
                }
                case Message.Pace pace -> {
                    out.writeStringField("type", "pace");
                    out.writeArrayFieldStart("waiting");
                    for (Frontier.HostWait wait : pace.waiting()) {
                        out.writeStartObject();
                        out.writeStringField("host", wait.host());
                        out.writeStringField("why", wait.why());
                        out.writeNumberField("leftMillis", wait.left().toMillis());
                        out.writeEndObject();
                    }
                    out.writeEndArray();
                    out.writeObjectFieldStart("slowed");
                    for (Map.Entry<String, String> host : pace.slowed().entrySet()) {
                        out.writeStringField(host.getKey(), host.getValue());
                    }
                    out.writeEndObject();
                }
                case Message.Retrying retrying -> {
                    out.writeStringField("type", "retrying");
                    out.writeStringField("url", retrying.url());
                }
                case Message.Audited audited -> {
                    out.writeStringField("type", "audited");
                    strings(out, "lines", audited.lines());
                }
                case Message.Stats stats -> {
                    out.writeStringField("type", "stats");
                    out.writeNumberField("retries", stats.retries());
                }
                case Message.Archived archived -> {
                    WireExchange exchange = archived.exchange();
                    out.writeStringField("type", "archived");
                    out.writeStringField("url", exchange.url());
                    out.writeStringField("startedAt", exchange.startedAt().toString());
                    if (exchange.ip().isPresent()) {
                        out.writeStringField("ip", exchange.ip().get().getHostAddress());
                    }
                    out.writeBinaryField("requestHead", exchange.requestHead());
                    out.writeBinaryField("responseHead", exchange.responseHead());
                    out.writeBinaryField("body", exchange.body());
                    out.writeBooleanField("truncated", exchange.truncated());
                }
                case Message.Bye bye -> out.writeStringField("type", "bye");
            }
            out.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
        }
        return bytes.toByteArray();
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
                case "record" -> new Message.Recorded(RecordCodec.read(node.required("record")), strings(node.required("links")));
                case "pace" -> new Message.Pace(waits(node.required("waiting")), stringMap(node.required("slowed")));
                case "retrying" -> new Message.Retrying(node.required("url").asText());
                case "audited" -> new Message.Audited(strings(node.required("lines")));
                case "stats" -> new Message.Stats(node.required("retries").asLong());
                case "archived" -> new Message.Archived(new WireExchange(node.required("url").asText(),
                        Instant.parse(node.required("startedAt").asText()),
                        node.hasNonNull("ip") ? Optional.of(InetAddress.getByName(node.get("ip").asText())) : Optional.empty(),
                        node.required("requestHead").binaryValue(), node.required("responseHead").binaryValue(),
                        node.required("body").binaryValue(), node.path("truncated").asBoolean()));
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

    /** A message of {@code type} carrying one URL. */
    private static void url(JsonGenerator out, String type, CrawlUrl url) throws IOException {
        out.writeStringField("type", type);
        out.writeObjectFieldStart("url");
        out.writeStringField("url", url.url());
        out.writeStringField("host", url.host());
        out.writeNumberField("depth", url.depth());
        out.writeNumberField("attempt", url.attempt());
        strings(out, "redirectChain", url.redirectChain());
        out.writeEndObject();
    }

    private static void strings(JsonGenerator out, String field, List<String> values) throws IOException {
        out.writeArrayFieldStart(field);
        for (String value : values) {
            out.writeString(value);
        }
        out.writeEndArray();
    }

    private static CrawlUrl url(JsonNode node) {
        return new CrawlUrl(node.required("url").asText(), node.required("host").asText(),
                node.required("depth").asInt(), strings(node.path("redirectChain")), node.path("attempt").asInt());
    }

    private static List<Frontier.HostWait> waits(JsonNode array) {
        List<Frontier.HostWait> out = new ArrayList<>();
        array.forEach(wait -> out.add(new Frontier.HostWait(wait.required("host").asText(),
                wait.required("why").asText(), Duration.ofMillis(wait.required("leftMillis").asLong()))));
        return out;
    }

    private static Map<String, String> stringMap(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        object.properties().forEach(field -> out.put(field.getKey(), field.getValue().asText()));
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(element -> out.add(element.asText()));
        return out;
    }
}
