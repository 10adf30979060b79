package dev.trawl.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The config as JSON, whole, as Jackson serializes its records (durations as ISO-8601, patterns as their
 * source, paths as text): how it travels to a processes-mode child and how a job stores the config it was
 * started with.
 */
public final class ConfigJson {
    private ConfigJson() {}

    /** A mapper that reads and writes {@link CrawlConfig}; configure it no further, share it freely. */
    public static ObjectMapper mapper() {
        return new ObjectMapper().registerModule(new SimpleModule("trawl-config")
                .addSerializer(Duration.class, text(Duration::toString))
                .addDeserializer(Duration.class, parsed(Duration::parse))
                .addSerializer(Pattern.class, text(Pattern::pattern))
                .addDeserializer(Pattern.class, parsed(Pattern::compile))
                .addSerializer(Path.class, text(Path::toString))
                .addDeserializer(Path.class, parsed(Path::of)));
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
