package dev.trawl.extract;

import dev.trawl.config.FieldRule;
import dev.trawl.sink.FieldValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Collector;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * Applies the config's extraction rules ({@code extract.fields}) to a parsed page. Each selector is
 * compiled once, here, into a jsoup {@link Evaluator}; a page only runs them. Immutable and thread-safe
 * (jsoup evaluators keep no per-match state).
 */
public final class FieldExtractor {
    private final List<Compiled> rules;
    private final Map<String, FieldValue> none;

    private record Compiled(FieldRule rule, Evaluator evaluator) {}

    private FieldExtractor(List<FieldRule> rules) {
        List<Compiled> compiled = new ArrayList<>();
        Map<String, FieldValue> empty = new LinkedHashMap<>();
        for (FieldRule rule : rules) {
            compiled.add(new Compiled(rule, QueryParser.parse(rule.css())));
            empty.put(rule.name(), rule.all() ? FieldValue.EMPTY : FieldValue.NONE);
        }
        this.rules = List.copyOf(compiled);
        this.none = Collections.unmodifiableMap(empty);
    }

    /** Compiles {@code rules} (already checked when the config loaded). */
    public static FieldExtractor compile(List<FieldRule> rules) {
        return new FieldExtractor(rules);
    }

    /** Whether there are any rules at all. */
    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** Every field without a value: what a failure, a skip or a non-HTML response gets. In rule order. */
    public Map<String, FieldValue> none() {
        return none;
    }

    /** Every field's value on {@code doc}, fetched from {@code url}, in rule order. */
    public Map<String, FieldValue> extract(String url, Document doc) {
        if (rules.isEmpty()) {
            return none;
        }
        Map<String, FieldValue> values = new LinkedHashMap<>();
        for (Compiled c : rules) {
            FieldRule rule = c.rule();
            if (!rule.urls().matcher(url).find()) {
                values.put(rule.name(), rule.all() ? FieldValue.EMPTY : FieldValue.NONE);
            } else if (rule.all()) {
                List<String> all = new ArrayList<>();
                for (Element element : Collector.collect(c.evaluator(), doc)) {
                    value(rule.value(), element).ifPresent(all::add);
                }
                values.put(rule.name(), new FieldValue.Many(all));
            } else {
                values.put(rule.name(), new FieldValue.One(first(c, doc)));
            }
        }
        return Collections.unmodifiableMap(values);
    }

    /** The first match that has a value (for attributes: the first match that has the attribute); stops there. */
    private static Optional<String> first(Compiled c, Document doc) {
        return Collector.stream(c.evaluator(), doc)
                .map(element -> value(c.rule().value(), element))
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static Optional<String> value(FieldRule.Value spec, Element element) {
        return switch (spec.kind()) {
            case TEXT -> Optional.of(element.text());
            case HTML -> Optional.of(element.html());
            case ATTR -> element.hasAttr(spec.attribute()) ? Optional.of(element.attr(spec.attribute())) : Optional.empty();
            case ABS -> {
                String absolute = element.hasAttr(spec.attribute()) ? element.absUrl(spec.attribute()) : "";
                yield absolute.isEmpty() ? Optional.empty() : Optional.of(absolute);
            }
        };
    }
}
