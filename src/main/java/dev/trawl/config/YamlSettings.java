package dev.trawl.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a config file into the settings it writes, checking the layout strictly: every section and
 * key must exist, scalars must be scalars and lists lists. Values stay text here; {@link ConfigKey}
 * parses them. Thread-safe (the parser factory is configured once and never changed).
 */
final class YamlSettings {

    /** The values one key was given in one place. */
    record Written(ConfigKey<?> key, List<String> values, Origin origin) {}

    /**
     * Duplicate keys are errors; yes/no/on/off stay words ({@code progress: off}), only true/false are booleans.
     * A parser factory, not a mapper: an {@code ObjectMapper} (its serializers, type factory, introspection)
     * was most of what reading a ten-line config cost at every start, and the tree is built here instead.
     */
    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            // on by default for a mapper's factory, off in a builder's: "per-host:" with nothing after is null
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .build();

    private static final Set<String> SECTIONS =
            ConfigKeys.ALL.stream().map(ConfigKey::section).collect(Collectors.toCollection(LinkedHashSet::new));

    /** A misplaced key ({@code delay:} at the top) is suggested with its section. */
    private static final List<String> TOP_LEVEL_SUGGESTIONS = Stream.concat(
            SECTIONS.stream(), ConfigKeys.ALL.stream().map(ConfigKey::name)).toList();

    private YamlSettings() {}

    /** Every setting in {@code file}, in file order; an empty file has none. */
    static List<Written> read(Path file) {
        Origin origin = Origin.of(file);
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(Optional.of(file), "", "config file not found: " + file);
        }
        JsonNode root;
        try {
            root = readTree(file);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String position = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw new ConfigException(Optional.of(file), "",
                    file + position + ": not valid YAML: " + firstLine(e.getOriginalMessage())
                            + " (check the indentation and quoting there)", e);
        } catch (IOException e) {
            throw origin.whole("cannot read: " + e.getMessage(), e);
        }
        List<Written> settings = new ArrayList<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return settings;
        }
        if (!root.isObject()) {
            throw origin.whole("expected sections such as 'fetch:' at the top level, not a "
                    + describe(root) + " (" + Origin.ALL_KEYS_HINT + ")", null);
        }
        for (Map.Entry<String, JsonNode> section : root.properties()) {
            readSection(section.getKey(), section.getValue(), origin, settings);
        }
        return settings;
    }

    /** The file's first document as a tree, as {@code ObjectMapper.readTree} builds it; null if it has none. */
    private static JsonNode readTree(Path file) throws IOException {
        try (JsonParser parser = FACTORY.createParser(file.toFile())) {
            return parser.nextToken() == null ? null : node(parser);
        }
    }

    /** The value at the parser's current token, and everything under it (the parser ends on its last token). */
    private static JsonNode node(JsonParser parser) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (parser.currentToken()) {
            case START_OBJECT -> {
                ObjectNode object = nodes.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.set(name, node(parser));
                }
                yield object;
            }
            case START_ARRAY -> {
                ArrayNode array = nodes.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(node(parser));
                }
                yield array;
            }
            case VALUE_STRING -> nodes.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> nodes.numberNode(parser.getIntValue());
                case LONG -> nodes.numberNode(parser.getLongValue());
                default -> nodes.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> parser.getNumberType() == JsonParser.NumberType.BIG_DECIMAL
                    ? nodes.numberNode(parser.getDecimalValue()) : nodes.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> nodes.booleanNode(true);
            case VALUE_FALSE -> nodes.booleanNode(false);
            case VALUE_NULL -> nodes.nullNode();
            case VALUE_EMBEDDED_OBJECT -> parser.getEmbeddedObject() instanceof byte[] bytes
                    ? nodes.binaryNode(bytes) : nodes.pojoNode(parser.getEmbeddedObject());
            default -> throw new JsonParseException(parser, "unexpected " + parser.currentToken());
        };
    }

    private static void readSection(String section, JsonNode body, Origin origin, List<Written> settings) {
        if (ConfigKeys.BY_NAME.containsKey(section)) {
            String[] parts = section.split("\\.", 2);
            throw origin.invalid(section, "write it nested, '" + parts[1] + ":' indented under '" + parts[0] + ":'");
        }
        if (!SECTIONS.contains(section)) {
            throw origin.unknownKey(section, KeySuggestions.closest(section, TOP_LEVEL_SUGGESTIONS));
        }
        if (body.isNull()) {
            return; // "politeness:" with nothing under it
        }
        if (!body.isObject()) {
            throw origin.invalid(section, "expected a section with keys indented below it, not a " + describe(body));
        }
        for (Map.Entry<String, JsonNode> entry : body.properties()) {
            String name = section + "." + entry.getKey();
            ConfigKey<?> key = ConfigKeys.BY_NAME.get(name);
            if (key == null) {
                throw origin.unknownKey(name, KeySuggestions.closest(name, ConfigKeys.BY_NAME.keySet()));
            }
            settings.add(new Written(key, values(key, entry.getValue(), origin), origin));
        }
    }

    private static List<String> values(ConfigKey<?> key, JsonNode node, Origin origin) {
        if (key == ConfigKeys.FIELDS) {
            return FieldRules.fromYaml(key.name(), node, origin);
        }
        if (key == ConfigKeys.OUT && node.isValueNode() && !node.isNull()) {
            return List.of(node.asText()); // one file, written as a plain value (out: crawl.jsonl)
        }
        if (key.list()) {
            if (!node.isArray()) {
                throw origin.invalid(key.name(), "expected a list such as ['^https://a\\.test/'], not a "
                        + describe(node) + " (write [] for none)");
            }
            List<String> values = new ArrayList<>();
            for (JsonNode element : node) {
                if (!element.isValueNode() || element.isNull()) {
                    throw origin.invalid(key.name(), "list elements must be single values, not a " + describe(element));
                }
                values.add(element.asText());
            }
            return values;
        }
        if (node.isNull()) {
            throw origin.invalid(key.name(), "has no value (give one, or delete the line to keep the default)");
        }
        if (!node.isValueNode()) {
            throw origin.invalid(key.name(), "expected a single value, not a " + describe(node));
        }
        return List.of(node.asText());
    }

    private static String firstLine(String message) {
        return message == null ? "syntax error" : message.lines().findFirst().orElse("syntax error").strip();
    }

    private static String describe(JsonNode node) {
        if (node.isArray()) {
            return "list";
        }
        if (node.isObject()) {
            return "section";
        }
        return "value: '" + node.asText() + "'";
    }
}
