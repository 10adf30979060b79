package dev.trawl.extract;

import dev.trawl.config.FieldRule;
import dev.trawl.parse.Outline;
import dev.trawl.parse.Probe;
import dev.trawl.parse.ProbeSet;
import dev.trawl.parse.ProbedValues;
import dev.trawl.sink.FieldMap;
import dev.trawl.sink.FieldValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jsoup.internal.StringUtil;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Collector;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * Applies the config's extraction rules ({@code extract.fields}) to a page. Each selector is compiled once,
 * here, into a jsoup {@link Evaluator}; a page only runs them. When every rule can be answered without a DOM
 * ({@link #streamingTag}), the rules travel as {@link #probes()} into the pass that reads the page's
 * {@link Outline}, and their values come from what it gathered; otherwise, or on a page whose markup the
 * scanner does not follow, from jsoup's DOM. Both give the same values: {@code abs:} values resolve with jsoup's
 * own resolution on the DOM path ({@link #format}) and with {@link AbsoluteUrls}, equal to it and cheaper, on the
 * outline's, which keeps what earlier pages resolved ({@link ResolvedUrlCache}). Thread-safe: the rules are immutable
 * (jsoup evaluators keep no per-match state), the cache is concurrent.
 */
public final class FieldExtractor {
    /**
     * One compound selector on one element: a tag name, then any of {@code #id}, {@code .class}, {@code [attr]},
     * {@code [attr=value]} (value bare or quoted). No spaces, combinators, pseudo-classes, lists or escapes.
     */
    private static final Pattern COMPOUND = Pattern.compile("[A-Za-z][A-Za-z0-9-]*(?:#[A-Za-z0-9_-]+|\\.[A-Za-z0-9_-]+"
            + "|\\[[A-Za-z_][A-Za-z0-9_-]*(?:=(?:[A-Za-z0-9_-]+|\"[^\"\\\\]*\"|'[^'\\\\]*'))?])*");
    /** In rule order; an array, not a List: the DOM path reads it for every element of every page. */
    private final Compiled[] rules;
    /** The rules' names, in rule order: a page's fields are an array of values against them. */
    private final FieldMap.Names names;
    private final Map<String, FieldValue> none;
    /** One per rule, in rule order, when every rule streams; else none. */
    private final ProbeSet probes;
    /** The outline path's {@code abs:} values resolved on earlier pages (thread-safe, bounded). */
    private final ResolvedUrlCache resolvedUrls = new ResolvedUrlCache();

    /**
     * A rule ready to run; {@code tag} is the element name every match must have, when the selector says
     * (see {@link #subjectTag}), so the walk skips the evaluator on other elements by one string compare; null
     * when any element may match (a plain field, not an Optional: it is read on every element of every page).
     */
    private record Compiled(FieldRule rule, Evaluator evaluator, String tag) {}

    private FieldExtractor(List<FieldRule> rules) {
        List<Compiled> compiled = new ArrayList<>();
        FieldValue[] empty = new FieldValue[rules.size()];
        for (FieldRule rule : rules) {
            empty[compiled.size()] = rule.all() ? FieldValue.EMPTY : FieldValue.NONE;
            compiled.add(new Compiled(rule, QueryParser.parse(rule.css()), subjectTag(rule.css()).orElse(null)));
        }
        this.rules = compiled.toArray(Compiled[]::new);
        this.names = new FieldMap.Names(rules.stream().map(FieldRule::name).toList());
        this.none = names.with(empty);
        List<Probe> streaming = new ArrayList<>();
        for (Compiled c : compiled) {
            FieldRule rule = c.rule();
            Optional<String> tag = streamingTag(rule);
            if (tag.isEmpty()) {
                streaming.clear();
                break;
            }
            boolean named = rule.value().kind() == FieldRule.Kind.ATTR || rule.value().kind() == FieldRule.Kind.ABS;
            // abs: the first match whose attribute resolves, so the probe keeps every candidate
            boolean all = rule.all() || rule.value().kind() == FieldRule.Kind.ABS;
            streaming.add(new Probe(tag.get(), c.evaluator(),
                    named ? Optional.of(rule.value().attribute()) : Optional.empty(), all, selectorKeys(rule.css())));
        }
        this.probes = ProbeSet.of(streaming);
    }

    /**
     * What the outline's pass should gather for these rules: one probe per rule, when every rule can be
     * answered without a DOM; empty when any needs the DOM (then every page builds one).
     */
    public ProbeSet probes() {
        return probes;
    }

    /**
     * Every field's value on a page fetched from {@code url}: from {@code outline}'s probes when the rules
     * stream and the page's markup let the scanner answer them, else from the DOM {@code dom} builds. In rule order.
     */
    public Map<String, FieldValue> extract(String url, Outline outline, Supplier<Document> dom) {
        if (rules.length == 0) {
            return none;
        }
        Optional<ProbedValues> probed = outline.probed();
        if (probed.isEmpty()) {
            return extract(url, dom.get()); // the rules need the DOM, this page does, or the outline was read without probes
        }
        if (probed.get().size() != rules.length) {
            throw new IllegalArgumentException("the outline was read with " + probed.get().size() + " probes, not these "
                    + rules.length + " rules' (read it with probes())");
        }
        FieldValue[] values = new FieldValue[rules.length];
        AbsoluteUrls absolute = null; // made for the first abs: value, once per page
        for (int i = 0; i < rules.length; i++) {
            FieldRule rule = rules[i].rule();
            List<String> raws = rule.appliesTo(url) ? probed.get().of(i) : List.of();
            boolean abs = rule.value().kind() == FieldRule.Kind.ABS;
            if (absolute == null && abs && !raws.isEmpty()) {
                absolute = new AbsoluteUrls(outline.baseUri(), resolvedUrls);
            }
            values[i] = valueOf(rule, !abs ? raws : resolved(rule, raws, absolute));
        }
        return names.with(values);
    }

    /** A rule's value from its matches' values in page order: all of them, or the first (none: no match). */
    private static FieldValue valueOf(FieldRule rule, List<String> values) {
        if (rule.all()) {
            return new FieldValue.Many(values);
        }
        return values.isEmpty() ? FieldValue.NONE : new FieldValue.One(Optional.of(values.getFirst()));
    }

    /** An {@code abs:} rule's matches resolved, those that do not resolve left out (only the first that does, for one value). */
    private static List<String> resolved(FieldRule rule, List<String> raws, AbsoluteUrls absolute) {
        List<String> urls = new ArrayList<>(rule.all() ? raws.size() : 1);
        for (String raw : raws) {
            String url = absolute.resolve(raw);
            if (!url.isEmpty()) {
                urls.add(url);
                if (!rule.all()) {
                    break;
                }
            }
        }
        return urls;
    }

    /**
     * The element name every match of {@code rule} has, when the rule can be answered in the single pass that
     * reads a page's outline, without jsoup's DOM: its selector is one compound on a named element ({@code h1},
     * {@code meta[name=description]}, {@code a.next[rel=next]}) and its value an attribute ({@code attr:},
     * {@code abs:}) or the {@code text} of an element the scanner follows to its end ({@link Probe#answers}).
     * Empty for anything else: {@code html} values, combinators, pseudo-classes, lists, {@code *}.
     */
    static Optional<String> streamingTag(FieldRule rule) {
        if (rule.value().kind() == FieldRule.Kind.HTML || !COMPOUND.matcher(rule.css().strip()).matches()) {
            return Optional.empty();
        }
        boolean text = rule.value().kind() == FieldRule.Kind.TEXT;
        return subjectTag(rule.css()).filter(tag -> Probe.answers(tag, text));
    }

    /**
     * The attributes a streaming rule's selector (one {@link #COMPOUND}) reads, lower case: {@code id} for
     * {@code #x}, {@code class} for {@code .x}, {@code attr} for {@code [attr]} and {@code [attr=value]}. jsoup's
     * evaluators for those match no element without the attribute, so the scanner asks the selector only of an
     * element that has them all, and reads no other attribute for it.
     */
    static List<String> selectorKeys(String compound) {
        String css = compound.strip();
        if (!COMPOUND.matcher(css).matches()) { // a selector of another shape would read attributes not counted here
            throw new IllegalArgumentException("not one compound selector of a streaming rule: " + compound);
        }
        Set<String> keys = new LinkedHashSet<>();
        int i = 0;
        while (i < css.length() && ".#[".indexOf(css.charAt(i)) < 0) {
            i++; // the tag name
        }
        while (i < css.length()) {
            char c = css.charAt(i++);
            if (c == '#' || c == '.') {
                keys.add(c == '#' ? "id" : "class");
                while (i < css.length() && ".#[".indexOf(css.charAt(i)) < 0) {
                    i++;
                }
            } else { // '[': a name, then "]" or "=" and a value, bare or quoted (no escapes: COMPOUND has none)
                int name = i;
                while (css.charAt(i) != '=' && css.charAt(i) != ']') {
                    i++;
                }
                keys.add(css.substring(name, i).toLowerCase(Locale.ROOT));
                if (css.charAt(i) == '=') {
                    char quote = css.charAt(++i);
                    i = quote == '"' || quote == '\'' ? css.indexOf(quote, i + 1) + 1 : css.indexOf(']', i);
                }
                i++; // the ']'
            }
        }
        return List.copyOf(keys);
    }

    /** Compiles {@code rules} (already checked when the config loaded). */
    public static FieldExtractor compile(List<FieldRule> rules) {
        return new FieldExtractor(rules);
    }

    /** Whether there are any rules at all. */
    public boolean isEmpty() {
        return rules.length == 0;
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
        if (rules.length == 0) {
            return none;
        }
        int count = rules.length;
        boolean[] active = new boolean[count];
        String[] firsts = new String[count];
        List<List<String>> lists = new ArrayList<>(count);
        int pending = 0;
        boolean anyAll = false;
        Element resetRoot = new Element("trawl-reset");
        for (int i = 0; i < count; i++) {
            Compiled c = rules[i];
            active[i] = c.rule().appliesTo(url);
            lists.add(c.rule().all() ? new ArrayList<>() : List.of());
            if (active[i]) {
                pending++;
                anyAll |= c.rule().all();
                // Collector resets an evaluator's per-traversal memo (structural selectors keep one) before
                // it walks; this walk is ours, so let Collector reset it on a one-element tree.
                Collector.findFirst(c.evaluator(), resetRoot);
            }
        }
        for (Element element = doc; element != null; element = ElementWalk.next(element, doc)) {
            if (pending == 0 && !anyAll) {
                break;
            }
            String name = element.normalName();
            for (int i = 0; i < count; i++) {
                Compiled c = rules[i];
                if (!active[i] || c.tag() != null && !c.tag().equals(name)) {
                    continue;
                }
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
        FieldValue[] values = new FieldValue[count];
        for (int i = 0; i < count; i++) {
            values[i] = rules[i].rule().all() ? new FieldValue.Many(lists.get(i))
                    : new FieldValue.One(Optional.ofNullable(firsts[i]));
        }
        return names.with(values);
    }

    /**
     * The element name a selector's matches all have: the type selector that begins its last compound
     * ({@code h1}, {@code meta[name=description]}, {@code div > p.note}), lower case as jsoup compares
     * names. Empty when the selector does not fix one: a list ({@code h1, h2}), a last compound without a
     * leading name ({@code .price}, {@code *}, {@code [href]}), a namespace ({@code svg|rect}) or anything
     * escaped. Brackets, parentheses and quotes are skipped, so {@code a[title="x > y"]} and
     * {@code p:has(> b)} are one compound each.
     */
    static Optional<String> subjectTag(String css) {
        String selector = css.strip();
        if (selector.indexOf('\\') >= 0) {
            return Optional.empty(); // an escaped character may be anywhere, even a combinator's place
        }
        int lastCompound = 0;
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '[' || c == '(') {
                depth++;
            } else if (c == ']' || c == ')') {
                depth--;
            } else if (depth == 0 && c == ',') {
                return Optional.empty();
            } else if (depth == 0 && (Character.isWhitespace(c) || c == '>' || c == '+' || c == '~')) {
                lastCompound = i + 1;
            }
        }
        int end = lastCompound;
        while (end < selector.length() && isNameChar(selector.charAt(end), end == lastCompound)) {
            end++;
        }
        boolean named = end > lastCompound
                && (end == selector.length() || ".#[:".indexOf(selector.charAt(end)) >= 0);
        return named ? Optional.of(selector.substring(lastCompound, end).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    private static boolean isNameChar(char c, boolean first) {
        boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
        return first ? letter : letter || c >= '0' && c <= '9' || c == '-' || c == '_';
    }

    private static Optional<String> value(FieldRule.Value spec, Element element) {
        return switch (spec.kind()) {
            case TEXT -> format(spec, element.text(), "");
            case HTML -> format(spec, element.html(), "");
            case ATTR, ABS -> element.hasAttr(spec.attribute())
                    ? format(spec, element.attr(spec.attribute()), element.baseUri()) : Optional.empty();
        };
    }

    /**
     * A rule's value from what the DOM path read of a matching element — its text or inner HTML, or the attribute
     * as written: {@code abs:} resolves against {@code base} with jsoup's own {@code absUrl} resolution (the
     * outline's path resolves with {@link AbsoluteUrls}, which must equal it), and a value that does not resolve
     * is no value.
     */
    static Optional<String> format(FieldRule.Value spec, String raw, String base) {
        return spec.kind() == FieldRule.Kind.ABS ? nonEmpty(StringUtil.resolve(base, raw)) : Optional.of(raw);
    }

    private static Optional<String> nonEmpty(String resolved) {
        return resolved.isEmpty() ? Optional.empty() : Optional.of(resolved);
    }
}
