package dev.trawl.parse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jsoup.internal.StringUtil;
import org.jsoup.nodes.Attributes;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Tag;

/**
 * Reads an {@link Outline} in one pass over the text: the HTML tokenizer's states (tags and attributes,
 * comments, doctype, CDATA, the raw text of {@code script}, {@code style}, {@code title} and the like),
 * plus the few tree-builder decisions that change what the outline holds — whether a {@code title} is still
 * in the head; whether a {@code frameset} replaces the body (then only frames count); whether a tag is
 * inside {@code svg} or {@code math} (where raw-text elements are not raw, unless inside an HTML element
 * such as {@code <div>} there) or inside a {@code select} (which drops other tags). Where jsoup 1.21 deviates
 * from the spec, this follows jsoup (a {@code <title>} with no end tag ends at the next tag; only a
 * lower-case {@code <script>} nests inside an escaped script), since its DOM is what the outline must equal.
 * Strings are made only for the attributes of the tags the outline keeps.
 *
 * <p>With {@link Probe}s, the same pass gathers what extraction rules ask for: each start tag a probe names is
 * matched by the probe's selector on its attributes, and the text of a matching element is collected until
 * it closes, by {@link OpenElements}, which follows the body's tree building as far as it can and otherwise
 * says the DOM must answer.
 *
 * <p>Not thread-safe: one scanner per page, used once.
 */
final class OutlineScanner {
    /** Start tags the tree builder keeps in the head; any other starts the body (so a later title is not the page's). */
    private static final Set<String> HEAD_TAGS = Set.of("html", "head", "base", "basefont", "bgsound", "link", "meta",
            "noframes", "script", "style", "template", "title", "noscript");
    /** Tags whose attributes are read. */
    private static final Set<String> READ = Set.of("a", "area", "frame", "iframe", "link", "meta", "html", "base");
    /** HTML tags inside svg or math content that jsoup makes HTML elements (the spec's "breakout" list). */
    private static final Set<String> BREAKOUT = Set.of("b", "big", "blockquote", "body", "br", "center", "code", "dd",
            "div", "dl", "dt", "em", "embed", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li",
            "listing", "menu", "meta", "nobr", "ol", "p", "pre", "ruby", "s", "small", "span", "strong", "strike",
            "sub", "sup", "table", "tt", "u", "ul", "var");
    /** svg and math elements whose content is HTML (the spec's integration points). */
    private static final Set<String> INTEGRATION = Set.of("mi", "mo", "mn", "ms", "mtext", "foreignobject", "desc",
            "title");
    /** Elements with no end tag: a breakout one opens no HTML island in svg. */
    private static final Set<String> BREAKOUT_VOID = Set.of("br", "embed", "hr", "img", "meta");
    /** After these, a {@code frameset} no longer replaces the body (the tree builder's "frameset-ok" flag). */
    private static final Set<String> NOT_FRAMESET_OK = Set.of("body", "pre", "listing", "li", "dd", "dt", "applet",
            "marquee", "object", "table", "area", "br", "embed", "img", "keygen", "wbr", "input", "hr", "iframe",
            "textarea", "select", "xmp");
    /** Start tags a {@code select} does not drop; of them, the last four end it. */
    private static final Set<String> IN_SELECT = Set.of("option", "optgroup", "hr", "script", "template", "html",
            "select", "input", "keygen", "textarea");
    /** Start tags jsoup keeps as elements in a head {@code noscript}. */
    private static final Set<String> NOSCRIPT_HEAD = Set.of("basefont", "bgsound", "link", "meta", "noframes", "style",
            "noscript", "head", "html");
    private static final int IS_HEAD_TAG = 1;
    private static final int IS_READ = 1 << 1;
    private static final int IS_BREAKOUT = 1 << 2;
    private static final int IS_INTEGRATION = 1 << 3;
    private static final int IS_BREAKOUT_VOID = 1 << 4;
    private static final int IS_NOT_FRAMESET_OK = 1 << 5;
    private static final int IS_IN_SELECT = 1 << 6;
    private static final int IS_NOSCRIPT_HEAD = 1 << 7;
    /** Start tags where the probes' pass stops vouching for the tree, or notes something for later ({@link #probeWatched}). */
    private static final Set<String> WATCHED = Set.of("template", "noscript", "base", "svg", "math");
    private static final int IS_WATCHED = 1 << 8;
    /** Each {@link TagNames} id's categories above, as bits: a tag's tests are array reads, not set lookups. */
    private static final int[] KINDS = TagNames.bits(List.of(HEAD_TAGS, READ, BREAKOUT, INTEGRATION, BREAKOUT_VOID,
            NOT_FRAMESET_OK, IN_SELECT, NOSCRIPT_HEAD, WATCHED));
    private static final int HTML = TagNames.known("html");
    private static final int IMAGE = TagNames.known("image");
    private static final int IMG = TagNames.known("img");
    private static final int NOSCRIPT = TagNames.known("noscript");
    private static final String OTHER = "";
    private static final String[] NO_NAMES = {};

    private final String s;
    private final int n;
    private final String location;
    private final ProbeSet probes;

    private final boolean probing;
    /** The tree the probes' text follows; made only when there are probes (every use is under {@link #probing}). */
    private final OpenElements open;
    /** Per probe, the values gathered so far. */
    private final List<List<String>> probed;
    /** Per probe that wants only the first match: whether it has it. */
    private final boolean[] found;
    /** The {@code html} element's attributes: the first {@code <html>} tag's, then any a later one adds (probing only). */
    private final Attributes htmlAttributes;
    /** Nothing but whitespace and comments yet (the tree builder's "initial" mode): a doctype now sets the quirks mode. */
    private boolean initial = true;
    /** A {@code </head>} was seen: a {@code noscript} after it, before the body, is a body element in jsoup. */
    private boolean headEnded;
    /** Inside a {@code noscript} in the head, where jsoup keeps anything but a few head tags as text. */
    private boolean headNoscript;
    /** The outermost open svg or math element's name. */
    private String foreignRoot = OTHER;
    private boolean foreignSeen;
    private int i;
    private boolean selfClosing;
    /** The tag being read is read for probes alone: only attributes named in {@link #wanted} are kept. */
    private boolean onlyWanted;
    private String[] wanted = NO_NAMES;
    /**
     * The tag being read is read for {@link ProbeSet.Probed#valuesAlone()} probes: the first value of each attribute
     * in {@link #wanted} goes to {@link #attributeValues} at its index, and no {@link Attributes} is made.
     */
    private boolean valuesAlone;
    /** The values of {@link #wanted} read from a values-alone tag (null: absent); sized for the most a tag reads. */
    private final String[] attributeValues;
    /** The {@link TagNames} id of the name {@link #name} read last. */
    private int tagId;

    private String baseUri;
    private String title;
    private String language;
    private final List<Outline.Tag> tags = new ArrayList<>();
    /** No body content yet: a title now is the document's title. */
    private boolean inHead = true;
    /** How many tags the head kept: a frameset that replaces the body drops the rest. */
    private int headTags;
    private boolean framesetOk = true;
    /** A frameset replaced the body: only frames count from here on. */
    private boolean framesetMode;
    private int framesets;
    private boolean inSelect;
    /** Open svg and math elements. */
    private int foreign;
    /** Open HTML elements inside svg or math (jsoup keeps them there, as HTML). */
    private int island;

    private static boolean is(int id, int kind) {
        return (KINDS[id] & kind) != 0;
    }

    OutlineScanner(String html, String location, ProbeSet probes) {
        this.s = html;
        this.n = html.length();
        this.location = location;
        this.probes = probes;
        this.probing = !probes.isEmpty();
        // a crawl without rules reads every page through here: none of the probes' state is made for it
        this.open = probing ? new OpenElements() : null;
        this.htmlAttributes = probing ? new Attributes() : null;
        this.found = new boolean[probes.size()];
        this.attributeValues = probing ? new String[probes.mostReads()] : NO_NAMES;
        this.probed = new ArrayList<>(probes.size());
        for (int p = 0; p < probes.size(); p++) {
            probed.add(new ArrayList<>());
        }
    }

    Outline scan() {
        while (i < n) {
            int lt = s.indexOf('<', i);
            int end = lt < 0 ? n : lt;
            if (inHead || framesetOk) {
                text(i, end);
            }
            if (probing && !inHead && i < end) { // most tags follow another at once: no text, no call
                open.text(s, i, end);
            }
            if (lt < 0) {
                break;
            }
            i = lt;
            markup();
        }
        return new Outline(baseUri == null ? location : baseUri, title == null ? "" : title,
                language == null ? "" : language, tags, probed());
    }

    /** What the probes gathered; empty without probes, or if the page left what {@link OpenElements} follows. */
    private Optional<ProbedValues> probed() {
        if (!probing) {
            return Optional.empty();
        }
        open.finish();
        if (open.unsure()) {
            return Optional.empty();
        }
        ProbeSet.Probed onHtml = probes.on(HTML, "html");
        if (onHtml != null) { // one element, the document's first, whatever the page wrote
            matchAll(onHtml, htmlAttributes);
        }
        return Optional.of(new ProbedValues(probed)); // the scan is over: its lists are handed over, not copied
    }

    /** Text between tags: anything but whitespace starts the body, and then keeps a frameset out. */
    private void text(int from, int to) {
        for (int k = from; k < to; k++) {
            if (!isWhitespace(s.charAt(k))) {
                bodyText();
                return;
            }
        }
    }

    private void bodyText() {
        token();
        if (probing && headNoscript) {
            open.giveUp(); // jsoup keeps it as the noscript's text
        }
        if (framesetMode) {
            return; // text in a frameset is dropped
        }
        startBody();
        framesetOk = false;
    }

    private void startBody() {
        if (inHead) {
            inHead = false;
            headTags = tags.size();
        }
    }

    /** A tag or text: if no doctype came first, jsoup's document is in quirks mode. */
    private void token() {
        if (initial) {
            initial = false;
            if (probing) {
                open.quirksMode(OpenElements.QuirksMode.QUIRKS);
            }
        }
    }

    /** At a {@code <}. */
    private void markup() {
        int next = at(i + 1);
        if (next == '!') {
            declaration();
        } else if (next == '/') {
            endTag();
        } else if (isLetter(next)) {
            startTag();
        } else if (next == '?') {
            if (probing) {
                open.comment(); // a bogus comment
            }
            i = past('>', i + 2);
        } else {
            bodyText(); // a '<' that opens nothing is text
            if (probing && !inHead) {
                open.text(s, i, i + 1);
            }
            i++;
        }
    }

    /** {@code <!--}, {@code <!DOCTYPE}, {@code <![CDATA[}, or a bogus comment. */
    private void declaration() {
        if (s.startsWith("--", i + 2)) {
            comment(i + 4);
            if (probing) {
                open.comment();
            }
        } else if (s.regionMatches(true, i + 2, "doctype", 0, 7)) {
            if (initial) {
                initial = false;
                if (probing) {
                    open.quirksMode(Doctypes.quirksMode(s, i + 9));
                }
            }
            i = past('>', i + 9);
        } else if (s.startsWith("[CDATA[", i + 2)) {
            if (initial) {
                initial = false; // a CDATA section of whitespace would leave the initial mode: not followed
                if (probing) {
                    open.quirksMode(OpenElements.QuirksMode.UNKNOWN);
                }
            }
            int end = s.indexOf("]]>", i + 9);
            if (inHead || framesetOk) {
                text(i + 9, end < 0 ? n : end);
            }
            if (probing && !inHead) {
                open.cdata();
            }
            i = end < 0 ? n : end + 3;
        } else {
            if (probing) {
                open.comment();
            }
            i = past('>', i + 2);
        }
    }

    /** A comment whose text starts at {@code p}: it ends at {@code -->} or {@code --!>}, or at once ({@code <!-->}). */
    private void comment(int p) {
        int q = p;
        while (q < n && s.charAt(q) == '-') {
            q++;
        }
        if (q < n && s.charAt(q) == '>') {
            i = q + 1;
            return;
        }
        int k = p;
        while ((k = s.indexOf("--", k)) >= 0) {
            int m = k + 2;
            while (m < n && s.charAt(m) == '-') {
                m++;
            }
            if (m < n && s.charAt(m) == '>') {
                i = m + 1;
                return;
            }
            if (m + 1 < n && s.charAt(m) == '!' && s.charAt(m + 1) == '>') {
                i = m + 2;
                return;
            }
            k = m;
        }
        i = n;
    }

    private void endTag() {
        int first = at(i + 2);
        if (first < 0) {
            bodyText(); // "</" at the end is text
            if (probing) {
                open.text(s, i, n);
            }
            i = n;
        } else if (isLetter(first)) {
            int start = i + 2;
            int end = tagNameEnd(start);
            String name = name(start, end);
            int id = tagId;
            i = end;
            if (attributes(null)) {
                endTagToken(name, id);
            }
        } else if (first == '>') {
            i += 3;
        } else {
            if (probing) {
                open.comment(); // a bogus comment
            }
            i = past('>', i + 2);
        }
    }

    private void endTagToken(String name, int id) {
        token();
        if (name.equals("head") && inHead) {
            headEnded = true;
        }
        if (probing) {
            probeEnd(name, id);
        }
        if (framesetMode) {
            if (name.equals("frameset") && framesets > 0) {
                framesets--;
            }
        } else if (inSelect) {
            inSelect = !name.equals("select");
        } else if (foreign > 0) {
            if (island > 0) {
                island -= is(id, IS_BREAKOUT | IS_INTEGRATION) ? 1 : 0;
            } else if (name.equals("svg") || name.equals("math")) {
                foreign--;
            }
        } else if (inHead && (name.equals("body") || name.equals("html") || name.equals("br"))) {
            startBody();
        }
    }

    private void startTag() {
        int start = i + 1;
        int end = tagNameEnd(start);
        String name = name(start, end);
        int id = tagId;
        if (foreign == 0 && id == IMAGE) {
            id = IMG; // jsoup's tree builder renames it outside svg
            name = TagNames.name(IMG);
        }
        i = end;
        ProbeSet.Probed probedHere = probing ? probes.on(id, name) : null;
        boolean kept = is(id, IS_READ);
        boolean forProbes = !kept && probedHere != null && probedHere.readsAttributes();
        // a tag read for probes alone (img, section...) gets only the attributes they read, and if all they take is
        // a value of each, no Attributes either
        valuesAlone = forProbes && probedHere.valuesAlone();
        Attributes attributes = kept || forProbes && !valuesAlone ? new Attributes() : null;
        onlyWanted = forProbes && !probedHere.readsEvery();
        wanted = onlyWanted ? probedHere.reads() : NO_NAMES;
        if (valuesAlone) {
            Arrays.fill(attributeValues, 0, wanted.length, null);
        }
        boolean complete = attributes(attributes);
        onlyWanted = false;
        valuesAlone = false;
        if (!complete) {
            return; // the text ended inside the tag: no tag
        }
        token();
        if (framesetMode) {
            if (probing) {
                open.giveUp();
            }
            framesetTag(name, attributes);
            return;
        }
        if (inSelect) {
            if (!is(id, IS_IN_SELECT)) {
                return; // dropped, and not raw text either
            }
            inSelect = !(name.equals("select") || name.equals("input") || name.equals("keygen")
                    || name.equals("textarea"));
        }
        if (foreign > 0 && island == 0) {
            if (probing && (is(id, IS_BREAKOUT) || probedHere != null)) {
                open.giveUp(); // jsoup's foreign content: not followed here
            }
            if (!is(id, IS_BREAKOUT)) {
                if ((name.equals("svg") || name.equals("math")) && !selfClosing) {
                    foreign++;
                } else if (is(id, IS_INTEGRATION) && !selfClosing) {
                    island++;
                }
                keep(name, attributes);
                return;
            }
        }
        if (foreign > 0 && is(id, IS_BREAKOUT) && !is(id, IS_BREAKOUT_VOID)) {
            island++;
        }
        boolean inHeadBefore = inHead;
        if (inHead && !is(id, IS_HEAD_TAG)) {
            startBody();
        }
        if (is(id, IS_NOT_FRAMESET_OK)) {
            framesetOk = false;
        }
        if (probing) {
            probeStart(name, id, attributes, probedHere);
        }
        switch (name) {
            case "html" -> {
                if (language == null && attributes.hasKey("lang")) {
                    language = attributes.get("lang");
                }
                if (probing) {
                    for (org.jsoup.nodes.Attribute attribute : attributes) {
                        if (!htmlAttributes.hasKey(attribute.getKey())) {
                            htmlAttributes.put(attribute.getKey(), attribute.getValue());
                        }
                    }
                }
            }
            case "base" -> base(attributes);
            case "frameset" -> {
                if (inHeadBefore || framesetOk) {
                    framesetMode = true;
                    framesets = 1;
                    tags.subList(inHeadBefore ? tags.size() : headTags, tags.size()).clear(); // the body goes
                    return;
                }
            }
            case "select" -> inSelect = foreign == 0;
            case "svg", "math" -> {
                if (foreign == 0 && !selfClosing) {
                    foreign = 1;
                }
            }
            default -> { }
        }
        keep(name, attributes);
        switch (name) {
            case "title" -> {
                int from = i;
                int to = rcdata(name);
                if (title == null && inHeadBefore) {
                    title = title(from, to);
                }
            }
            case "textarea" -> rcdata(name);
            case "style", "xmp", "iframe", "noembed", "noframes" -> rawText(name);
            case "script" -> script();
            case "plaintext" -> i = n;
            default -> { }
        }
    }

    /** A start tag in HTML content, after the head/body decision: to the open elements, then to the probes. */
    private void probeStart(String name, int id, Attributes attributes, ProbeSet.Probed on) {
        if (headNoscript && !is(id, IS_NOSCRIPT_HEAD)) {
            open.giveUp(); // jsoup keeps it as the noscript's text
        }
        boolean watched = is(id, IS_WATCHED);
        if (watched) {
            probeWatched(name);
        }
        if (foreign > 0) {
            open.giveUp(); // an HTML element inside svg or math
        }
        boolean foreignRootTag = watched && (name.equals("svg") || name.equals("math"));
        if (!inHead && !foreignRootTag) {
            open.start(name, id);
        }
        if (on == null || id == HTML || open.unsure()) {
            return;
        }
        matchAll(on, attributes);
    }

    /** The start tags of template, noscript, base, svg and math: where the scanner stops vouching for the tree. */
    private void probeWatched(String name) {
        switch (name) {
            case "template" -> open.giveUp(); // template contents
            case "noscript" -> {
                if (inHead && headEnded) {
                    open.giveUp(); // a body noscript the head would not see
                }
                headNoscript |= inHead;
            }
            case "base" -> {
                if (foreignSeen) {
                    open.giveUp(); // where svg or math end is not followed exactly, nor is which base counts
                }
            }
            case "svg", "math" -> {
                if (!inHead) {
                    open.foreignStart();
                    if (foreign == 0) {
                        foreignRoot = name;
                        foreignSeen = true;
                    }
                }
            }
            default -> { }
        }
    }

    /**
     * The probes {@code on} an element's name, with its {@code attributes} (as read for them: null when none reads
     * any, or when they were read into {@link #attributeValues}). jsoup's {@link Element} is made for the first
     * selector that needs more than the name and may match.
     */
    private void matchAll(ProbeSet.Probed on, Attributes attributes) {
        Element element = null;
        for (int p : on.probes()) {
            if (found[p]) {
                continue;
            }
            if (!probes.nameOnly(p)) {
                if (!probes.mayMatch(p, attributes)) {
                    continue; // an attribute the selector asks for is missing: most tags a[rel=next] sees
                }
                if (element == null) {
                    element = new Element(on.tag(), "", attributes);
                }
                if (!probes.get(p).selector().matches(element, element)) {
                    continue;
                }
            }
            take(p, attributes);
        }
    }

    /** Probe {@code p} matched the element just opened: its attribute's value, or its text from here to its end. */
    private void take(int p, Attributes attributes) {
        Probe probe = probes.get(p);
        List<String> values = probed.get(p);
        if (probe.attribute().isPresent()) {
            String value;
            if (attributes == null) { // a values-alone tag's
                value = attributeValues[probes.slot(p)];
            } else {
                String key = probe.attribute().get();
                value = attributes.hasKeyIgnoreCase(key) ? attributes.getIgnoreCase(key) : null;
            }
            if (value != null) {
                values.add(value);
                found[p] = !probe.all();
            }
        } else {
            values.add("");
            open.capture(values, values.size() - 1);
            found[p] = !probe.all();
        }
    }

    private void probeEnd(String name, int id) {
        if (id == NOSCRIPT) {
            headNoscript = false;
        }
        if (framesetMode || inSelect) {
            return; // given up already
        }
        if (foreign > 0) {
            boolean closesForeign = name.equals("svg") || name.equals("math");
            if (island == 0 && (closesForeign ? foreign == 1 && !name.equals(foreignRoot)
                    : name.equals("p") || name.equals("br") || open.onStack(name))) {
                open.giveUp(); // jsoup leaves foreign content for an HTML end tag, which may close or insert elements
            }
            return;
        }
        if (inHead && (name.equals("body") || name.equals("html") || name.equals("br"))) {
            startBody();
        }
        if (!inHead) {
            open.end(name, id);
        }
    }

    private void keep(String name, Attributes attributes) {
        switch (name) {
            case "a", "area", "iframe", "link", "meta" -> tags.add(new Outline.Tag(name, attributes));
            default -> { }
        }
    }

    /** In a frameset only frames, framesets and {@code noframes} (raw text) count; the rest is dropped. */
    private void framesetTag(String name, Attributes attributes) {
        switch (name) {
            case "frame" -> {
                if (framesets > 0) {
                    tags.add(new Outline.Tag(name, attributes));
                }
            }
            case "frameset" -> {
                if (framesets > 0 && !selfClosing) {
                    framesets++;
                }
            }
            case "noframes" -> rawText(name);
            default -> { }
        }
    }

    /** The first {@code <base href>} that resolves against the page's URL sets the document's base, as in jsoup. */
    private void base(Attributes attributes) {
        if (baseUri == null && attributes.hasKey("href")) {
            String resolved = new Element(Tag.valueOf("base"), location).attr("href", attributes.get("href")).absUrl("href");
            if (!resolved.isEmpty()) {
                baseUri = resolved;
            }
        }
    }

    /** The title's text as {@code Document.title()} gives it: references decoded, whitespace normalized. */
    private String title(int from, int to) {
        String raw = CharacterReferences.decode(s.substring(from, to), false); // as it is when it has no &
        // Document.title(): the title element keeps its text's whitespace, so its text() is the text trimmed,
        // which title() normalizes and trims again (no Document shell per page)
        return StringUtil.normaliseWhitespace(raw.replace('\0', '\uFFFD').trim()).trim();
    }

    /**
     * Skips the text of an escapable raw-text element ({@code title}, {@code textarea}) to its end tag;
     * returns where its text ends. Like jsoup, when no end tag follows, the text ends at the next tag.
     */
    private int rcdata(String name) {
        int end = endTagAt(name, i);
        if (end >= 0) {
            i = end + 2 + name.length();
            attributes(null);
            return end;
        }
        int after = lastEndTagPrefix(name) + 1;
        for (int k = s.indexOf('<', Math.max(i, after)); k >= 0; k = s.indexOf('<', k + 1)) {
            if (isLetter(at(k + 1))) {
                i = k;
                return k;
            }
        }
        i = n;
        return n;
    }

    /** Skips the text of a raw-text element to its end tag, or to the end of the page. */
    private void rawText(String name) {
        int end = endTagAt(name, i);
        if (end < 0) {
            i = n;
            return;
        }
        i = end + 2 + name.length();
        attributes(null);
    }

    /**
     * Skips script data to {@code </script>}, through the tokenizer's escaped states: after {@code <!--}, a
     * {@code <script>} (in jsoup, lower case only) hides the next {@code </script>} until {@code -->}.
     */
    private void script() {
        final int data = 0;
        final int escaped = 1;
        final int doubleEscaped = 2;
        int state = data;
        int k = i;
        while (k < n) {
            if (state == data) {
                k = s.indexOf('<', k);
                if (k < 0) {
                    break;
                }
                if (isEndTag("script", k)) {
                    i = k + 8;
                    attributes(null);
                    return;
                }
                if (s.startsWith("<!--", k)) {
                    state = escaped;
                    k += 2; // the "--" also counts toward a "-->"
                } else {
                    k++;
                }
                continue;
            }
            int lt = s.indexOf('<', k);
            int close = s.indexOf("-->", k);
            if (close >= 0 && (lt < 0 || close < lt)) {
                state = data;
                k = close + 3;
            } else if (lt < 0) {
                break;
            } else if (state == escaped && isEndTag("script", lt)) {
                i = lt + 8;
                attributes(null);
                return;
            } else if (state == escaped && s.startsWith("script", lt + 1) && isTagEnd(at(lt + 7))) {
                state = doubleEscaped;
                k = lt + 7;
            } else if (state == doubleEscaped && s.startsWith("/script", lt + 1) && isTagEnd(at(lt + 8))) {
                state = escaped;
                k = lt + 8;
            } else {
                k = lt + 1;
            }
        }
        i = n;
    }

    /** Where the first {@code </name} followed by whitespace, {@code /} or {@code >} is, from {@code from}; -1 if none. */
    private int endTagAt(String name, int from) {
        for (int k = s.indexOf("</", from); k >= 0; k = s.indexOf("</", k + 2)) {
            if (isEndTag(name, k)) {
                return k;
            }
        }
        return -1;
    }

    private boolean isEndTag(String name, int k) {
        int after = k + 2 + name.length();
        return after < n && s.charAt(k + 1) == '/' && s.regionMatches(true, k + 2, name, 0, name.length())
                && isTagEnd(s.charAt(after));
    }

    /** Where the last {@code </name} is, in any case and whatever follows; -1 if none. */
    private int lastEndTagPrefix(String name) {
        for (int k = s.lastIndexOf("</"); k >= i; k = k == 0 ? -1 : s.lastIndexOf("</", k - 1)) {
            if (s.regionMatches(true, k + 2, name, 0, name.length())) {
                return k;
            }
        }
        return -1;
    }

    /**
     * Reads a tag's attributes from {@link #i} to its end, into {@code into} if not null (names lower case,
     * references decoded, the first of a name kept). Returns false if the text ended first: no tag, as in jsoup.
     */
    private boolean attributes(Attributes into) {
        selfClosing = false;
        while (true) {
            while (i < n && isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return false;
            }
            char c = s.charAt(i);
            if (c == '>') {
                i++;
                return true;
            }
            if (c == '/') {
                i++;
                if (i < n && s.charAt(i) == '>') {
                    selfClosing = true;
                    i++;
                    return true;
                }
                continue;
            }
            int nameStart = i++;
            while (i < n && !isNameEnd(s.charAt(i))) {
                i++;
            }
            int nameEnd = i;
            while (i < n && isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return false;
            }
            int valueStart = -1;
            int valueEnd = -1;
            if (s.charAt(i) == '=') {
                i++;
                while (i < n && isWhitespace(s.charAt(i))) {
                    i++;
                }
                if (i >= n) {
                    put(into, nameStart, nameEnd, -1, -1);
                    return true; // jsoup emits a tag that ends before its value
                }
                char q = s.charAt(i);
                if (q == '"' || q == '\'') {
                    int close = s.indexOf(q, i + 1);
                    if (close < 0) {
                        i = n;
                        return false;
                    }
                    valueStart = i + 1;
                    valueEnd = close;
                    i = close + 1;
                } else if (q != '>') {
                    valueStart = i;
                    while (i < n && !isWhitespace(s.charAt(i)) && s.charAt(i) != '>') {
                        i++;
                    }
                    if (i >= n) {
                        return false;
                    }
                    valueEnd = i;
                }
            }
            put(into, nameStart, nameEnd, valueStart, valueEnd);
        }
    }

    private void put(Attributes into, int nameStart, int nameEnd, int valueStart, int valueEnd) {
        if (into == null && !valuesAlone) {
            return;
        }
        String name;
        if (onlyWanted) {
            int k = wantedIndex(nameStart, nameEnd);
            if (k < 0) {
                return; // no probe reads it
            }
            // the wanted name itself when the page writes it so (no new string); another case, or a name outside
            // ASCII that only matched ignoring case, is kept under its own lower case
            name = s.regionMatches(nameStart, wanted[k], 0, wanted[k].length()) ? wanted[k]
                    : clean(s.substring(nameStart, nameEnd)).toLowerCase(Locale.ROOT);
            if (valuesAlone) {
                // As an Attributes would answer getIgnoreCase(wanted[k]): the first value under a name equal to it
                // ignoring case (a dotless i's is). A name kept under one that is not (the dotted capital I's
                // lower case is longer) answers no probe's lookup, here or in an Attributes: it is skipped.
                if (attributeValues[k] == null && (name == wanted[k] || name.equalsIgnoreCase(wanted[k]))) {
                    attributeValues[k] = value(valueStart, valueEnd);
                }
                return;
            }
        } else {
            name = clean(s.substring(nameStart, nameEnd)).toLowerCase(Locale.ROOT);
        }
        if (into.hasKey(name)) {
            return;
        }
        into.put(name, value(valueStart, valueEnd));
    }

    /** An attribute's value, written at {@code s[from, to)} ({@code from} -1: none written), references decoded. */
    private String value(int from, int to) {
        return from < 0 ? "" : CharacterReferences.decode(clean(s.substring(from, to)), true);
    }

    /**
     * Which of {@link #wanted} (lower-case ASCII names) the attribute named at {@code s[from, to)} may be, or -1: it is
     * skipped. {@code regionMatches} ignoring case also compares the characters' lower cases, so it holds for every
     * name whose {@code toLowerCase} is a wanted one, the Kelvin sign's k included, and for a few more, such as a
     * dotless i's: those are kept under their own lower case, as without the filter.
     */
    private int wantedIndex(int from, int to) {
        for (int k = 0; k < wanted.length; k++) {
            if (wanted[k].length() == to - from && s.regionMatches(true, from, wanted[k], 0, to - from)) {
                return k;
            }
        }
        return -1;
    }

    private static String clean(String text) {
        return text.indexOf('\0') >= 0 ? text.replace('\0', '\uFFFD') : text;
    }

    private int tagNameEnd(int from) {
        int k = from;
        while (k < n) {
            char c = s.charAt(k);
            if (isWhitespace(c) || c == '/' || c == '>') {
                break;
            }
            k++;
        }
        return k;
    }

    /**
     * The lower-case name of a tag, or {@link #OTHER} for one too long to be any this scanner acts on; its id
     * goes to {@link #tagId}. A listed name is found without a new string and comes back as the one canonical
     * instance, so later compares are identity checks and its hash is cached.
     */
    private String name(int from, int to) {
        int id = TagNames.find(s, from, to);
        if (id == TagNames.UNKNOWN) {
            if (to - from > TagNames.LONGEST && !probing) { // no tag this scanner acts on by name
                tagId = TagNames.UNKNOWN;
                return OTHER; // probes may name a long custom element, and then the open elements need its name
            }
            String name = s.substring(from, to).toLowerCase(Locale.ROOT);
            id = TagNames.id(name); // one whose other than ASCII letters lower-case to a listed name
            if (id == TagNames.UNKNOWN) {
                tagId = TagNames.UNKNOWN;
                return probing ? open.canonical(name) : name; // the open elements compare names by identity
            }
        }
        tagId = id;
        return TagNames.name(id);
    }

    /** Index after the next {@code c} from {@code from}, or the end. */
    private int past(char c, int from) {
        int k = from < n ? s.indexOf(c, from) : -1;
        return k < 0 ? n : k + 1;
    }

    private int at(int k) {
        return k < n ? s.charAt(k) : -1;
    }

    private static boolean isTagEnd(int c) {
        return c == '/' || c == '>' || (c >= 0 && isWhitespace((char) c));
    }

    private static boolean isNameEnd(char c) {
        return isWhitespace(c) || c == '/' || c == '=' || c == '>';
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
    }

    private static boolean isLetter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c > 127 && Character.isLetter(c));
    }
}
