package dev.trawl.parse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.jsoup.internal.StringUtil;
import org.jsoup.parser.Parser;

/**
 * The body's stack of open elements as jsoup 1.21's tree builder keeps it, for markup inside the part of the
 * HTML tree-construction rules followed here — elements closed by their own end tags or by the implied ends
 * jsoup applies (a {@code p} closed by a block, an {@code li} by the next {@code li}, a heading by another,
 * {@code dd}/{@code dt}, inline elements popped with their block) — and the text of captured elements as
 * {@code Element.text()} gives it (whitespace normalized, a space at block and {@code <br>} boundaries,
 * {@code script}/{@code style} data left out, character references decoded).
 *
 * <p>Anything outside that part makes the page {@link #unsure()}, and its DOM must answer: a table (foster
 * parenting moves content), {@code select}, {@code template}, {@code frameset}, {@code plaintext},
 * {@code object}/{@code applet}/{@code marquee}, ruby and option elements, a nested {@code form}; a formatting
 * element ({@code a}, {@code b}, {@code em}...) closed out of order or by anything but its end tag (jsoup's
 * adoption agency and reconstruction clone those); an {@code a} inside an {@code a}; a {@code </p>} or
 * {@code </br>} with nothing to close (jsoup inserts an element); and, inside a captured element, foreign
 * content, CDATA, NUL, and the elements whose content the scanner skips as raw text ({@code textarea},
 * {@code title}). Head content is left to {@link OutlineScanner}; tracking starts with the body.
 *
 * <p>Not thread-safe: one per page, used once.
 */
final class OpenElements {
    /** jsoup's tree builder looks no deeper than this for scope; deeper pages are left to the DOM. */
    private static final int MAX_DEPTH = 90;
    /** jsoup 1.21's block tags ({@code TagSet}); every other element is inline for {@code text()}. */
    static final Set<String> BLOCK = Set.of("html", "head", "body", "frameset", "script", "noscript", "style", "meta",
            "link", "title", "frame", "noframes", "section", "nav", "aside", "hgroup", "header", "footer", "p", "h1",
            "h2", "h3", "h4", "h5", "h6", "br", "button", "ul", "ol", "pre", "div", "blockquote", "hr", "address",
            "figure", "figcaption", "form", "fieldset", "ins", "del", "dl", "dt", "dd", "li", "table", "caption",
            "thead", "tfoot", "tbody", "colgroup", "col", "tr", "th", "td", "video", "audio", "canvas", "details",
            "menu", "plaintext", "template", "article", "main", "center", "dir", "applet", "marquee", "listing");
    /** Elements the adoption agency and formatting reconstruction act on. */
    private static final Set<String> FORMATTING = Set.of("a", "b", "big", "code", "em", "font", "i", "nobr", "s",
            "small", "strike", "strong", "tt", "u");
    /** The HTML spec's "special" elements (jsoup's {@code TagSearchSpecial}), which stop some end-tag searches. */
    private static final Set<String> SPECIAL = Set.of("address", "applet", "area", "article", "aside", "base",
            "basefont", "bgsound", "blockquote", "body", "br", "button", "caption", "center", "col", "colgroup", "dd",
            "details", "dir", "div", "dl", "dt", "embed", "fieldset", "figcaption", "figure", "footer", "form", "frame",
            "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "iframe", "img",
            "input", "keygen", "li", "link", "listing", "main", "marquee", "menu", "meta", "nav", "noembed",
            "noframes", "noscript", "object", "ol", "p", "param", "plaintext", "pre", "script", "search", "section",
            "select", "source", "style", "summary", "table", "tbody", "td", "template", "textarea", "tfoot", "th",
            "thead", "title", "tr", "ul", "wbr", "xmp");
    /** Start tags that close an open {@code p} first (jsoup's {@code InBodyStartPClosers}). */
    private static final Set<String> P_CLOSERS = Set.of("address", "article", "aside", "blockquote", "center",
            "details", "dir", "div", "dl", "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "menu",
            "nav", "ol", "p", "section", "summary", "ul");
    /** End tags that close their element and whatever is open inside it (jsoup's {@code InBodyEndClosers}). */
    private static final Set<String> END_CLOSERS = Set.of("address", "article", "aside", "blockquote", "button",
            "center", "details", "dir", "div", "dl", "fieldset", "figcaption", "figure", "footer", "header", "hgroup",
            "listing", "menu", "nav", "ol", "pre", "section", "summary", "ul");
    /** Elements popped by "generate implied end tags". */
    private static final Set<String> IMPLIED_END = Set.of("dd", "dt", "li", "optgroup", "option", "p", "rb", "rp",
            "rt", "rtc");
    /** Elements without content: opened and closed at once. */
    private static final Set<String> VOID = Set.of("area", "br", "embed", "img", "keygen", "wbr", "input", "param",
            "source", "track", "base", "basefont", "bgsound", "command", "link", "meta", "hr");
    /** Elements whose content is data, not text nodes: opened and closed at once, their text never counted. */
    private static final Set<String> DATA = Set.of("script", "style", "xmp", "iframe", "noembed", "noframes");
    /** Start tags whose tree-building this class does not follow. */
    private static final Set<String> UNMODELLED = Set.of("table", "select", "template", "frameset", "plaintext",
            "applet", "marquee", "object", "nobr", "option", "optgroup", "rb", "rtc", "rp", "rt", "isindex", "menuitem",
            "device");
    /** Start tags jsoup drops in the body (outside a table), or merges into the element that exists. */
    private static final Set<String> IGNORED = Set.of("html", "body", "head", "frame", "caption", "col", "colgroup",
            "tbody", "td", "tfoot", "th", "thead", "tr");
    /** Elements whose text the scanner does not read as text. */
    private static final Set<String> NOT_IN_CAPTURE = Set.of("textarea", "title", "plaintext");
    /** How far up {@code Element.text()} looks for a {@code pre} that keeps a text node's whitespace. */
    private static final int PRESERVE_DEPTH = 6;

    private String[] names = new String[32];
    private int depth;
    private boolean unsure;
    private boolean formOpen;
    /** Open captures, outermost first: each element whose text a probe wants. */
    private final List<Capture> captures = new ArrayList<>();
    /** A block element inside a capture just closed: a following text or inline element gets a space first. */
    private boolean blockEnded;
    /** A {@code pre} or {@code listing} just opened: jsoup drops a newline right after its start tag. */
    private boolean newlineDropped;

    /** A captured element: its text so far, and where it goes when the element closes. */
    private static final class Capture {
        final int level;
        final List<String> into;
        final int slot;
        final StringBuilder text = new StringBuilder();

        Capture(int level, List<String> into, int slot) {
            this.level = level;
            this.into = into;
            this.slot = slot;
        }
    }

    /** Whether the page left the modelled part: the values gathered may differ from the DOM's. */
    boolean unsure() {
        return unsure;
    }

    /** Marks the page as outside the model. */
    void giveUp() {
        unsure = true;
        captures.clear();
    }

    boolean capturing() {
        return !captures.isEmpty();
    }

    /** A start tag in the body (HTML, not inside svg or math). */
    void start(String name) {
        newlineDropped = false;
        if (unsure) {
            return;
        }
        if (UNMODELLED.contains(name) || depth >= MAX_DEPTH) {
            giveUp();
            return;
        }
        if (IGNORED.contains(name)) {
            return;
        }
        if (capturing() && NOT_IN_CAPTURE.contains(name)) {
            giveUp();
            return;
        }
        switch (name) {
            case "a" -> {
                if (onStack("a")) {
                    giveUp(); // jsoup closes the open one by the adoption agency
                    return;
                }
                push(name);
            }
            case "li" -> {
                closeListItem(Set.of("li"));
                closeP();
                push(name);
            }
            case "dd", "dt" -> {
                closeListItem(Set.of("dd", "dt"));
                closeP();
                push(name);
            }
            case "h1", "h2", "h3", "h4", "h5", "h6" -> {
                closeP();
                if (!unsure && depth > 0 && isHeading(names[depth - 1])) {
                    pop();
                }
                push(name);
            }
            case "pre", "listing" -> {
                closeP();
                push(name);
                newlineDropped = true;
            }
            case "hr", "xmp" -> {
                closeP();
                empty(name);
            }
            case "form" -> {
                if (formOpen) {
                    giveUp(); // a nested form is dropped
                    return;
                }
                closeP();
                formOpen = true;
                push(name);
            }
            case "button" -> {
                if (inScope("button", true)) {
                    giveUp();
                    return;
                }
                push(name);
            }
            case "textarea", "title" -> empty(name);
            default -> {
                if (VOID.contains(name) || DATA.contains(name)) {
                    empty(name);
                } else {
                    if (P_CLOSERS.contains(name)) {
                        closeP();
                    }
                    push(name);
                }
            }
        }
    }

    /** An end tag in the body. */
    void end(String name) {
        newlineDropped = false;
        if (unsure) {
            return;
        }
        switch (name) {
            case "body", "html", "head", "template" -> { } // the body stays open (template: never pushed)
            case "p" -> {
                if (!inScope("p", true)) {
                    giveUp(); // jsoup inserts an empty p
                    return;
                }
                closeTo(Set.of("p"));
            }
            case "br" -> giveUp(); // jsoup inserts a br
            case "li" -> {
                if (inListItemScope()) {
                    closeTo(Set.of("li"));
                }
            }
            case "dd", "dt" -> {
                if (inScope(name, false)) {
                    closeTo(Set.of(name));
                }
            }
            case "h1", "h2", "h3", "h4", "h5", "h6" -> {
                for (int k = depth - 1; k >= 0; k--) {
                    if (isHeading(names[k])) {
                        closeTo(HEADINGS);
                        return;
                    }
                }
            }
            case "form" -> {
                boolean open = formOpen;
                formOpen = false;
                if (!open || !inScope("form", false)) {
                    return;
                }
                popImplied(null);
                if (depth > 0 && names[depth - 1].equals("form")) {
                    pop();
                } else {
                    giveUp(); // jsoup takes the form out of the middle of the stack
                }
            }
            default -> {
                if (FORMATTING.contains(name)) {
                    if (!onStack(name)) {
                        return;
                    }
                    if (names[depth - 1].equals(name)) {
                        pop();
                    } else {
                        giveUp(); // the adoption agency
                    }
                } else if (END_CLOSERS.contains(name)) {
                    if (onStack(name)) {
                        closeTo(Set.of(name));
                    }
                } else {
                    anyOtherEnd(name);
                }
            }
        }
    }

    private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");

    private static boolean isHeading(String name) {
        return HEADINGS.contains(name);
    }

    /** jsoup's "any other end tag": closes the nearest open element of that name, unless a special one is nearer. */
    private void anyOtherEnd(String name) {
        for (int k = depth - 1; k >= 0; k--) {
            if (names[k].equals(name)) {
                closeTo(Set.of(name));
                return;
            }
            if (SPECIAL.contains(names[k])) {
                return;
            }
        }
    }

    /** The {@code li} (or {@code dd}/{@code dt}) start tag's search: closes an open one unless a special element is nearer. */
    private void closeListItem(Set<String> items) {
        for (int k = depth - 1; k >= 0; k--) {
            if (items.contains(names[k])) {
                closeTo(Set.of(names[k]));
                return;
            }
            if (SPECIAL.contains(names[k]) && !names[k].equals("address") && !names[k].equals("div")
                    && !names[k].equals("p")) {
                return;
            }
        }
    }

    private void closeP() {
        if (inScope("p", true)) {
            closeTo(Set.of("p"));
        }
    }

    /** Pops through the nearest element named one of {@code targets}; a formatting element popped on the way gives up. */
    private void closeTo(Set<String> targets) {
        while (depth > 0 && !unsure) {
            String top = names[depth - 1];
            if (!targets.contains(top) && FORMATTING.contains(top)) {
                giveUp(); // jsoup would reconstruct it later: a clone
                return;
            }
            pop();
            if (targets.contains(top)) {
                return;
            }
        }
    }

    private void popImplied(String except) {
        while (depth > 0 && IMPLIED_END.contains(names[depth - 1]) && !names[depth - 1].equals(except)) {
            pop();
        }
    }

    /** Whether {@code name} is open with no scope boundary nearer (only {@code button} can be one here). */
    private boolean inScope(String name, boolean button) {
        for (int k = depth - 1; k >= 0; k--) {
            if (names[k].equals(name)) {
                return true;
            }
            if (button && names[k].equals("button")) {
                return false;
            }
        }
        return false;
    }

    private boolean inListItemScope() {
        for (int k = depth - 1; k >= 0; k--) {
            if (names[k].equals("li")) {
                return true;
            }
            if (names[k].equals("ol") || names[k].equals("ul")) {
                return false;
            }
        }
        return false;
    }

    /** Whether an element of that name is open. */
    boolean onStack(String name) {
        for (int k = depth - 1; k >= 0; k--) {
            if (names[k].equals(name)) {
                return true;
            }
        }
        return false;
    }

    private void push(String name) {
        opened(name);
        if (depth == names.length) {
            names = Arrays.copyOf(names, depth * 2);
        }
        names[depth++] = name;
    }

    /** An element with no children here: a void element, or one whose content is data the scanner skipped. */
    private void empty(String name) {
        opened(name);
        closed(name);
    }

    private void pop() {
        String name = names[--depth];
        for (int c = captures.size() - 1; c >= 0 && captures.get(c).level > depth; c--) {
            Capture capture = captures.remove(c);
            capture.into.set(capture.slot, capture.text.toString().trim());
        }
        closed(name);
    }

    /** {@code Element.text()}'s head rule: a block element or {@code br} starts with a space; its tail rule for an inline one. */
    private void opened(String name) {
        boolean block = BLOCK.contains(name);
        for (Capture capture : captures) {
            StringBuilder text = capture.text;
            if (text.length() > 0 && !lastIsSpace(text) && (block || blockEnded)) {
                text.append(' ');
            }
        }
        blockEnded = false;
    }

    private void closed(String name) {
        blockEnded = !captures.isEmpty() && BLOCK.contains(name);
    }

    /**
     * Starts capturing the text of the element just opened; its text goes to {@code into.get(slot)} when it
     * closes (or the page ends).
     */
    void capture(List<String> into, int slot) {
        if (!unsure) {
            captures.add(new Capture(depth, into, slot));
        }
    }

    /** Text between tags, as written ({@code html[from, to)}); a text node, or part of one. */
    void text(String html, int from, int to) {
        if (from >= to) {
            return;
        }
        if (newlineDropped && html.charAt(from) == '\n') {
            from++;
        }
        newlineDropped = false;
        if (captures.isEmpty() || from >= to) {
            return;
        }
        String raw = html.substring(from, to);
        if (raw.indexOf('\0') >= 0) {
            giveUp(); // jsoup drops NUL characters in the body, in its own way
            return;
        }
        String text = raw.indexOf('&') >= 0 ? Parser.unescapeEntities(raw, false) : raw;
        boolean preserved = false;
        for (int k = Math.max(0, depth - PRESERVE_DEPTH); k < depth; k++) {
            preserved |= names[k].equals("pre");
        }
        for (Capture capture : captures) {
            StringBuilder into = capture.text;
            if (blockEnded && into.length() > 0 && !lastIsSpace(into)) {
                into.append(' ');
            }
            if (preserved) {
                into.append(text); // text() keeps the whitespace of text within a few levels of a pre
            } else {
                StringUtil.appendNormalisedWhitespace(into, text, lastIsSpace(into));
            }
        }
        blockEnded = false;
    }

    /** A comment: a node between siblings, so a block before it gets no space from what follows. */
    void comment() {
        blockEnded = false;
        newlineDropped = false;
    }

    /** CDATA: jsoup keeps it as a text node whose whitespace is not normalized. */
    void cdata() {
        if (capturing()) {
            giveUp();
        }
    }

    /** The end of the page: every open element closes. */
    void finish() {
        while (depth > 0 && !captures.isEmpty()) {
            pop();
        }
    }

    private static boolean lastIsSpace(StringBuilder text) {
        return text.length() > 0 && text.charAt(text.length() - 1) == ' ';
    }
}
