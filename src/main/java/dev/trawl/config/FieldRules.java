package dev.trawl.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code extract.fields}: from the config file, a list of mappings ({@code name}, {@code css},
 * {@code value}, {@code all}, {@code urls}), each checked where it is written
 * ({@code my.yaml: extract.fields[1].css: not a CSS selector ...}); from {@code --field} flags, one
 * {@code NAME=SELECTOR} each:
 *
 * <pre>
 * title=h1                  the text of the first h1
 * next=a[rel=next]@abs:href the first rel=next link's href, absolute
 * tags[]=.tag               a list: the text of every .tag
 * body=article@html         the inner HTML of the first article
 * </pre>
 *
 * A file rule travels to the key's parser as its JSON text, so both forms share one parser. Stateless.
 */
final class FieldRules {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PROPERTIES = Set.of("name", "css", "value", "all", "urls");
    /** {@code @text}, {@code @html}, {@code @attr:x} or {@code @abs:x} at the end of a flag's selector; or {@code @x}. */
    private static final Pattern FLAG_VALUE = Pattern.compile("@((?:attr:|abs:)?[^\\s\"'>/=@\\]]+)$");

    private FieldRules() {}

    /** Parses the key's values: JSON objects (written by {@link #fromYaml}) or {@code --field} specs. */
    static List<FieldRule> parse(List<String> values) {
        List<FieldRule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String value : values) {
            FieldRule rule = value.startsWith("{") ? fromJson(value) : fromFlag(value);
            if (!names.add(rule.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("field '" + rule.name() + "' is defined twice; names must be unique");
            }
            rules.add(rule);
        }
        return List.copyOf(rules);
    }

    /**
     * Checks a file's {@code fields:} list element by element, so that an error names its place, and
     * returns each rule as the JSON text {@link #parse} reads.
     */
    static List<String> fromYaml(String key, JsonNode list, Origin origin) {
        if (!list.isArray()) {
            throw origin.invalid(key, "expected a list of fields, each with name: and css: (write [] for none)");
        }
        List<String> values = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = key + "[" + i + "]";
            JsonNode node = list.get(i);
            if (!node.isObject()) {
                throw origin.invalid(at, "expected a field with name: and css: indented below '-'");
            }
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                if (!PROPERTIES.contains(property.getKey())) {
                    throw origin.invalid(at + "." + property.getKey(), "unknown field property (one of name, css, "
                            + "value, all, urls)");
                }
                if (!property.getValue().isValueNode() || property.getValue().isNull()) {
                    throw origin.invalid(at + "." + property.getKey(), "expected a single value");
                }
            }
            try {
                FieldRule rule = fromJson(node, at, origin);
                if (!names.add(rule.name().toLowerCase(Locale.ROOT))) {
                    throw origin.invalid(at + ".name", "'" + rule.name() + "' is defined twice; names must be unique");
                }
            } catch (IllegalArgumentException e) {
                throw origin.invalid(at, e.getMessage());
            }
            values.add(node.toString());
        }
        return values;
    }

    private static FieldRule fromJson(JsonNode node, String at, Origin origin) {
        String name = text(node, "name", at, origin);
        String css = text(node, "css", at, origin);
        FieldRule.Value value = FieldRule.Value.TEXT;
        boolean all = false;
        Pattern urls = Pattern.compile("");
        try {
            FieldRule.checkName(name);
        } catch (IllegalArgumentException e) {
            throw origin.invalid(at + ".name", e.getMessage());
        }
        try {
            FieldRule.checkCss(css);
        } catch (IllegalArgumentException e) {
            throw origin.invalid(at + ".css", e.getMessage());
        }
        if (node.has("value")) {
            try {
                value = FieldRule.Value.parse(node.get("value").asText());
            } catch (IllegalArgumentException e) {
                throw origin.invalid(at + ".value", e.getMessage());
            }
        }
        if (node.has("all")) {
            if (!node.get("all").isBoolean()) {
                throw origin.invalid(at + ".all", "must be true or false: '" + node.get("all").asText() + "'");
            }
            all = node.get("all").asBoolean();
        }
        if (node.has("urls")) {
            try {
                urls = Pattern.compile(node.get("urls").asText());
            } catch (java.util.regex.PatternSyntaxException e) {
                throw origin.invalid(at + ".urls", "not a Java regex: '" + node.get("urls").asText() + "' ("
                        + e.getDescription() + " near index " + e.getIndex() + ")");
            }
        }
        return new FieldRule(name, css, value, all, urls);
    }

    private static String text(JsonNode node, String property, String at, Origin origin) {
        JsonNode value = node.get(property);
        if (value == null || value.asText().isBlank()) {
            throw origin.invalid(at + "." + property, "is required" + (property.equals("name")
                    ? " (e.g. name: price)" : " (e.g. css: \".product .price\")"));
        }
        return value.asText();
    }

    private static FieldRule fromJson(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return fromJson(node, "extract.fields", new Origin(java.util.Optional.empty(), "extract.fields"));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a field rule: " + json, e);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** {@code NAME=SELECTOR}, {@code NAME[]=SELECTOR} (all matches), with an optional {@code @VALUE} suffix. */
    static FieldRule fromFlag(String spec) {
        int equals = spec.indexOf('=');
        if (equals < 1) {
            throw new IllegalArgumentException("expected NAME=SELECTOR, e.g. title=h1 or next=a[rel=next]@abs:href: '"
                    + spec + "'");
        }
        String name = spec.substring(0, equals).strip();
        boolean all = name.endsWith("[]");
        if (all) {
            name = name.substring(0, name.length() - 2);
        }
        String css = spec.substring(equals + 1).strip();
        FieldRule.Value value = FieldRule.Value.TEXT;
        var suffix = FLAG_VALUE.matcher(css);
        if (suffix.find()) {
            String given = suffix.group(1);
            value = given.equals("text") || given.equals("html") || given.contains(":")
                    ? FieldRule.Value.parse(given) : new FieldRule.Value(FieldRule.Kind.ATTR, given);
            css = css.substring(0, suffix.start()).strip();
        }
        return new FieldRule(name, css, value, all, Pattern.compile(""));
    }

    /** The JSON text of {@code rule}, as {@link #parse} reads it. */
    static String toJson(FieldRule rule) {
        ObjectNode node = JSON.createObjectNode().put("name", rule.name()).put("css", rule.css())
                .put("value", rule.value().toString()).put("all", rule.all());
        if (!rule.urls().pattern().isEmpty()) {
            node.put("urls", rule.urls().pattern());
        }
        return node.toString();
    }
}
