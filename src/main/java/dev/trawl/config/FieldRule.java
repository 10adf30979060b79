package dev.trawl.config;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.select.QueryParser;
import org.jsoup.select.Selector;

/**
 * One extraction rule of {@code extract.fields}: a named value taken from every page by a CSS selector.
 * The selector is checked here, when the config loads; the extract stage compiles it once per crawl, and decides
 * whether the rule is answered without a DOM.
 *
 * @param name the field's name: a letter, then letters, digits or {@code _}; not a built-in record field
 * @param css a jsoup CSS selector
 * @param value what to take from each matching element
 * @param all false: the first match, or null; true: a list of every match ({@code []} if none)
 * @param urls only pages whose URL this regex finds get a value (others get null or {@code []}); the empty
 *     pattern matches every URL
 */
public record FieldRule(String name, String css, Value value, boolean all, Pattern urls) {

    /** The record's own field names, which a rule may not take (they are columns of CSV and SQLite too). */
    public static final Set<String> RESERVED = Set.of("url", "final_url", "status", "title", "content_type", "depth",
            "fetched_at", "elapsed_ms", "bytes", "description", "language", "canonical", "charset", "outlinks",
            "noindex", "nofollow", "attempts", "error", "error_message", "fields", "id", "links");

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern ATTRIBUTE = Pattern.compile("[^\\s\"'>/=]+");
    public FieldRule {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(urls, "urls");
        checkName(name);
        checkCss(css);
    }

    /**
     * Whether a page fetched from {@code url} gets this rule's value: {@code urls} finds it, or is empty (every
     * URL, without a matcher per rule and page).
     */
    public boolean appliesTo(String url) {
        return urls.pattern().isEmpty() || urls.matcher(url).find();
    }

    /** What is taken from a matching element. */
    public enum Kind {
        /** The element's text, whitespace-normalized. */
        TEXT,
        /** The element's inner HTML. */
        HTML,
        /** An attribute's value as written. */
        ATTR,
        /** An attribute resolved to an absolute URL against the page's base. */
        ABS
    }

    /**
     * A value spec as written: {@code text}, {@code html}, {@code attr:NAME} or {@code abs:NAME}.
     *
     * @param attribute the attribute's name for ATTR and ABS; empty for TEXT and HTML
     */
    public record Value(Kind kind, String attribute) {
        public static final Value TEXT = new Value(Kind.TEXT, "");

        public Value {
            Objects.requireNonNull(kind, "kind");
            boolean named = kind == Kind.ATTR || kind == Kind.ABS;
            if (named != !attribute.isEmpty()) {
                throw new IllegalArgumentException(named ? "needs an attribute name, e.g. attr:href"
                        : "takes no attribute name");
            }
        }

        /** Parses {@code text}, {@code html}, {@code attr:NAME} or {@code abs:NAME}. */
        public static Value parse(String spec) {
            String text = spec.strip();
            int colon = text.indexOf(':');
            String kind = (colon < 0 ? text : text.substring(0, colon)).toLowerCase(Locale.ROOT);
            String attribute = colon < 0 ? "" : text.substring(colon + 1).strip();
            String fix = " (write text, html, attr:NAME or abs:NAME)";
            return switch (kind) {
                case "text", "html" -> {
                    if (colon >= 0) {
                        throw new IllegalArgumentException("'" + spec + "': " + kind + " takes no attribute" + fix);
                    }
                    yield new Value(kind.equals("text") ? Kind.TEXT : Kind.HTML, "");
                }
                case "attr", "abs" -> {
                    if (!ATTRIBUTE.matcher(attribute).matches()) {
                        throw new IllegalArgumentException("'" + spec + "': not an attribute name after '"
                                + kind + ":'" + fix);
                    }
                    yield new Value(kind.equals("attr") ? Kind.ATTR : Kind.ABS, attribute);
                }
                default -> throw new IllegalArgumentException("unknown value '" + spec + "'" + fix);
            };
        }

        @Override
        public String toString() {
            return attribute.isEmpty() ? kind.name().toLowerCase(Locale.ROOT)
                    : kind.name().toLowerCase(Locale.ROOT) + ":" + attribute;
        }
    }

    static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a field name: '" + name
                    + "' (a letter, then letters, digits or _, e.g. price or next_page)");
        }
        if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("'" + name + "' is a built-in record field; choose another name");
        }
    }

    static void checkCss(String css) {
        if (css == null || css.isBlank()) {
            throw new IllegalArgumentException("needs a CSS selector, e.g. css: \"h1\"");
        }
        try {
            QueryParser.parse(css);
        } catch (Selector.SelectorParseException e) {
            throw new IllegalArgumentException("not a CSS selector: '" + css + "' (" + e.getMessage()
                    + "; jsoup selector syntax: https://jsoup.org/cookbook/extracting-data/selector-syntax)");
        }
    }
}
