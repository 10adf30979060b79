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

    /**
     * Every field's value on {@code doc}, fetched from {@code url}, in rule order. One walk over the
     * elements serves every rule (ten rules cost one traversal, not ten); it ends early once every rule
     * that wants only its first match has one and no rule wants them all.
     */
    public Map<String, FieldValue> extract(String url, Document doc) {
        if (rules.isEmpty()) {
            return none;
        }
        int count = rules.size();
        boolean[] active = new boolean[count];
        String[] firsts = new String[count];
        List<List<String>> lists = new ArrayList<>(count);
        int pending = 0;
        boolean anyAll = false;
        Element resetRoot = new Element("trawl-reset");
        for (int i = 0; i < count; i++) {
            Compiled c = rules.get(i);
            active[i] = c.rule().urls().matcher(url).find();
            lists.add(c.rule().all() ? new ArrayList<>() : List.of());
            if (active[i]) {
                pending++;
                anyAll |= c.rule().all();
                // Collector resets an evaluator's per-traversal memo (structural selectors keep one) before
                // it walks; this walk is ours, so let Collector reset it on a one-element tree.
                Collector.findFirst(c.evaluator(), resetRoot);
            }
        }
        for (Element element : doc.getAllElements()) {
            if (pending == 0 && !anyAll) {
                break;
            }
            for (int i = 0; i < count; i++) {
                if (!active[i]) {
                    continue;
                }
                Compiled c = rules.get(i);
                if (!c.evaluator().matches(doc, element)) {
                    continue;
                }
                Optional<String> value = value(c.rule().value(), element);
                if (value.isEmpty()) {
                    continue;
                }
                if (c.rule().all()) {
                    lists.get(i).add(value.get());
                } else {
                    firsts[i] = value.get();
                    active[i] = false; // the first match with a value is the one
                    pending--;
                }
            }
        }
        Map<String, FieldValue> values = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            FieldRule rule = rules.get(i).rule();
            values.put(rule.name(), rule.all() ? new FieldValue.Many(lists.get(i))
                    : new FieldValue.One(Optional.ofNullable(firsts[i])));
        }
        return Collections.unmodifiableMap(values);
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
