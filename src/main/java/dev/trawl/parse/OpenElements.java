package dev.trawl.parse;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.internal.StringUtil;

/**
 * The body's stack of open elements as jsoup 1.21's tree builder keeps it, for markup inside the part of the
 * HTML tree-construction rules followed here — elements closed by their own end tags or by the implied ends
 * jsoup applies (a {@code p} closed by a block, an {@code li} by the next {@code li}, a heading by another,
 * {@code dd}/{@code dt}, inline elements popped with their block) — and the text of captured elements as
 * {@code Element.text()} gives it (whitespace normalized, a space at block and {@code <br>} boundaries,
 * {@code script}/{@code style} data left out, character references decoded).
 *
 * <p>Tables are followed through jsoup's table insertion modes (in table, in table body, in row, in cell, in
 * caption, in column group): implied {@code tbody} and {@code tr}, cells closed by the next cell, row or the
 * table's end, the scope boundaries that {@code table}, {@code td}, {@code th} and {@code caption} put in the
 * body's searches, and the document's quirks mode, which decides whether a {@code table} closes an open
 * {@code p}. What jsoup would move out of the table ("foster parenting": text other than whitespace, or an
 * element other than the table's own parts, {@code script} and {@code style}, directly in a table, row group,
 * row or column group) is not followed.
 *
 * <p>Anything outside that part makes the page {@link #unsure()}, and its DOM must answer: foster parenting,
 * {@code select}, {@code template}, {@code frameset}, {@code plaintext},
 * {@code object}/{@code applet}/{@code marquee}, ruby and option elements, a nested {@code form}; a formatting
 * element ({@code a}, {@code b}, {@code em}...) closed out of order or by anything but its end tag (jsoup's
 * adoption agency and reconstruction clone those); an {@code a} inside an {@code a}; a {@code </p>} or
 * {@code </br>} with nothing to close (jsoup inserts an element); and, inside a captured element, foreign
 * content, CDATA, NUL, and the elements whose content the scanner skips as raw text ({@code textarea},
 * {@code title}). Head content is left to {@link OutlineScanner}; tracking starts with the body.
 *
 * <p>Element names are compared by identity, not {@code equals} (a call, under the launcher's C1 compiler, on every
 * tag's walk down the stack): callers pass each name as its one instance — {@link TagNames}' canonical strings,
 * which are literals as this class's own are, and for any other name what {@link #canonical} gives.
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
    private static final Set<String> UNMODELLED = Set.of("select", "template", "frameset", "plaintext",
            "applet", "marquee", "object", "nobr", "option", "optgroup", "rb", "rtc", "rp", "rt", "isindex", "menuitem",
            "device");
    /**
     * Start tags jsoup drops in the body (the table parts: outside a table; inside one the table's modes take
     * them), or merges into the element that exists.
     */
    private static final Set<String> IGNORED = Set.of("html", "body", "head", "frame", "caption", "col", "colgroup",
            "tbody", "td", "tfoot", "th", "thead", "tr");
    /** Elements whose text the scanner does not read as text. */
    private static final Set<String> NOT_IN_CAPTURE = Set.of("textarea", "title", "plaintext");
    private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");
    /** How far up {@code Element.text()} looks for a {@code pre} that keeps a text node's whitespace. */
    private static final int PRESERVE_DEPTH = 6;

    private static final int IS_BLOCK = 1;
    private static final int IS_FORMATTING = 1 << 1;
    private static final int IS_SPECIAL = 1 << 2;
    private static final int IS_P_CLOSER = 1 << 3;
    private static final int IS_END_CLOSER = 1 << 4;
    private static final int IS_IMPLIED_END = 1 << 5;
    private static final int IS_VOID = 1 << 6;
    private static final int IS_DATA = 1 << 7;
    private static final int IS_UNMODELLED = 1 << 8;
    private static final int IS_IGNORED = 1 << 9;
    private static final int IS_NOT_IN_CAPTURE = 1 << 10;
    private static final int IS_HEADING = 1 << 11;
    private static final int IS_P = 1 << 12;
    private static final int IS_BUTTON = 1 << 13;
    private static final int IS_LI = 1 << 14;
    private static final int IS_LIST = 1 << 15;
    private static final int IS_DD_DT = 1 << 17;
    /** The special elements an {@code li}, {@code dd} or {@code dt} start tag's search passes over. */
    private static final int IS_ITEM_SEARCH_EXEMPT = 1 << 18;
    private static final int IS_PRE = 1 << 19;
    private static final int IS_TABLE = 1 << 16;
    /** A row group: {@code tbody}, {@code thead}, {@code tfoot}. */
    private static final int IS_SECTION = 1 << 20;
    private static final int IS_ROW = 1 << 21;
    private static final int IS_CELL = 1 << 22;
    private static final int IS_CAPTION = 1 << 23;
    private static final int IS_COLGROUP = 1 << 24;
    private static final int IS_COL = 1 << 25;
    /** What stops a search for an element "in scope" (jsoup's {@code TagsSearchInScope}, of what is ever open here). */
    private static final int IS_SCOPE = 1 << 26;
    private static final int IS_A = 1 << 29;
    /** Start tags that close an open cell or caption, or that a row group or row ends before (jsoup's {@code InCellCol}). */
    private static final int IS_TABLE_PART = 1 << 27;
    /** End tags a table's modes ignore wherever they meet them (jsoup's {@code InTableEndErr}, less the row parts). */
    private static final int IS_TABLE_END_IGNORED = 1 << 28;
    /** The elements whose nearest open one decides the table mode. */
    private static final int IS_STRUCTURE = IS_TABLE | IS_SECTION | IS_ROW | IS_CELL | IS_CAPTION | IS_COLGROUP;
    /** Where jsoup would foster-parent text or other elements: the current node is one of these. */
    private static final int FOSTERS = IS_TABLE | IS_SECTION | IS_ROW | IS_COLGROUP;
    /** Each {@link TagNames} id's categories above, as bits: one array read per tag instead of one lookup per category. */
    private static final int[] FLAGS = TagNames.bits(List.of(BLOCK, FORMATTING, SPECIAL, P_CLOSERS, END_CLOSERS,
            IMPLIED_END, VOID, DATA, UNMODELLED, IGNORED, NOT_IN_CAPTURE, HEADINGS, Set.of("p"), Set.of("button"),
            Set.of("li"), Set.of("ol", "ul"), Set.of("table"), Set.of("dd", "dt"), Set.of("address", "div", "p"),
            Set.of("pre"), Set.of("tbody", "thead", "tfoot"), Set.of("tr"), Set.of("td", "th"), Set.of("caption"),
            Set.of("colgroup"), Set.of("col"), Set.of("table", "td", "th", "caption"),
            Set.of("caption", "col", "colgroup", "tbody", "td", "tfoot", "th", "thead", "tr"),
            Set.of("body", "caption", "col", "colgroup", "html"), Set.of("a")));
    private static final int TBODY = FLAGS[TagNames.known("tbody")];
    private static final int TR = FLAGS[TagNames.known("tr")];
    private static final int COLGROUP = FLAGS[TagNames.known("colgroup")];

    /** The document's quirks mode as jsoup sets it from the doctype; it decides whether a table closes a p. */
    enum QuirksMode { NO_QUIRKS, QUIRKS, UNKNOWN }

    private String[] names = new String[32];
    /** The names {@link TagNames} does not list, each as its one instance on this page ({@link #canonical}). */
    private final Map<String, String> otherNames = new HashMap<>();
    /** The flags of each open element. */
    private int[] kinds = new int[32];
    private int depth;
    /** Open {@code table} elements: while there is one, the table's modes see each token first. */
    private int tables;
    /** Open {@code a} elements: asked at every {@code <a>}, the commonest tag, so counted rather than searched for. */
    private int anchors;
    /**
     * Open {@code p} elements: every block start tag asks whether one is in scope, which with none open walked the
     * whole stack; counted, that walk is made only when there is one.
     */
    private int paragraphs;
    private QuirksMode quirks = QuirksMode.UNKNOWN;
    private boolean unsure;
    private boolean formOpen;
    /**
     * Open captures, outermost first: each element whose text a probe wants; the first {@link #captureCount}.
     * An array, not a {@code List}: it is asked on every tag and text node, and C1 calls through an interface.
     * Past the count, closed captures wait to be used again: a page with a rule on its headings opens dozens, one
     * or two at a time, and each new one was three objects (C1 has no escape analysis to spare them).
     */
    private Capture[] captures = new Capture[4];
    private int captureCount;
    /**
     * Start tags and texts seen: two captures opened with neither between them are of one element (two probes
     * matched it), and get the same text.
     */
    private int events;
    /** A block element inside a capture just closed: a following text or inline element gets a space first. */
    private boolean blockEnded;
    /** A {@code pre} or {@code listing} just opened: jsoup drops a newline right after its start tag. */
    private boolean newlineDropped;

    /**
     * A captured element: its text so far, and where it goes when the element closes: one place, or two when two
     * probes capture the same element ({@code subheading=h2} and {@code h2s[]=h2} on a page's first h2), which then
     * share its text, appended once. Used again once closed (its builder keeps its capacity).
     */
    private static final class Capture {
        int level;
        /** {@link #events} when it opened. */
        int opened;
        List<String> into;
        int slot;
        /** A second probe's place for the same text, or null. */
        List<String> alsoInto;
        int alsoSlot;
        /** Sized for a heading or a short paragraph: the default 16 chars grew (and copied) a few times per capture. */
        final StringBuilder text = new StringBuilder(64);

        void open(int level, int opened, List<String> into, int slot) {
            this.level = level;
            this.opened = opened;
            this.into = into;
            this.slot = slot;
            this.alsoInto = null;
            text.setLength(0);
        }

        /** The element closed: its text, trimmed as {@code Element.text()} is, to its places. */
        void close() {
            int from = 0;
            int to = text.length();
            while (from < to && text.charAt(from) <= ' ') {
                from++;
            }
            while (to > from && text.charAt(to - 1) <= ' ') {
                to--;
            }
            String value = text.substring(from, to); // String.trim's bounds, and one copy, not toString's and trim's
            into.set(slot, value);
            if (alsoInto != null) {
                alsoInto.set(alsoSlot, value);
                alsoInto = null;
            }
            into = null;
        }
    }

    /**
     * The one instance of a name {@link TagNames} does not list, for this page: the first string met with its
     * text. Names are compared by identity here, so every such name must come through this.
     */
    String canonical(String name) {
        String first = otherNames.putIfAbsent(name, name);
        return first == null ? name : first;
    }

    /** Whether the page left the modelled part: the values gathered may differ from the DOM's. */
    boolean unsure() {
        return unsure;
    }

    /** Marks the page as outside the model. */
    void giveUp() {
        if (unsure) {
            return; // a page given up on is given up on at every later tag of the kind
        }
        unsure = true;
        Arrays.fill(captures, 0, captureCount, null);
        captureCount = 0;
    }

    boolean capturing() {
        return captureCount > 0;
    }

    /** The document's quirks mode, read from its doctype (or its absence) before the body starts. */
    void quirksMode(QuirksMode mode) {
        quirks = mode;
    }

    /**
     * An {@code svg} or {@code math} element starts in the body: its content is not followed, so text being
     * captured cannot be, nor can an element jsoup would move out of a table.
     */
    void foreignStart() {
        if (capturing() || fosters()) {
            giveUp();
        }
    }

    /** Whether jsoup would foster-parent text or an element other than a table part here. */
    private boolean fosters() {
        return tables > 0 && depth > 0 && (kinds[depth - 1] & FOSTERS) != 0;
    }

    /** A start tag in the body (HTML, not inside svg or math), named {@code name}, whose {@link TagNames} id is {@code id}. */
    void start(String name, int id) {
        int kind = FLAGS[id];
        events++;
        newlineDropped = false;
        if (unsure) {
            return;
        }
        if ((kind & IS_UNMODELLED) != 0 || depth >= MAX_DEPTH) {
            giveUp();
            return;
        }
        if (tables > 0 && tableStart(name, kind)) {
            return;
        }
        if ((kind & IS_IGNORED) != 0) {
            return;
        }
        if (capturing() && (kind & IS_NOT_IN_CAPTURE) != 0) {
            giveUp();
            return;
        }
        if ((kind & IS_HEADING) != 0) {
            closeP();
            if (depth > 0 && (kinds[depth - 1] & IS_HEADING) != 0) {
                pop();
            }
            push(name, kind);
            return;
        }
        switch (TagCases.onStart(id)) {
            case A -> {
                if (anchors > 0) {
                    giveUp(); // jsoup closes the open one by the adoption agency
                    return;
                }
                push(name, kind);
            }
            case LI -> {
                closeListItem(IS_LI);
                closeP();
                push(name, kind);
            }
            case DD_DT -> {
                closeListItem(IS_DD_DT);
                closeP();
                push(name, kind);
            }
            case PRE -> {
                closeP();
                push(name, kind);
                newlineDropped = true;
            }
            case HR -> {
                closeP();
                empty(kind);
            }
            case FORM -> {
                if (formOpen) {
                    giveUp(); // a nested form is dropped
                    return;
                }
                closeP();
                formOpen = true;
                push(name, kind);
            }
            case BUTTON -> {
                if (inScope(IS_BUTTON, true)) {
                    giveUp();
                    return;
                }
                push(name, kind);
            }
            case RAW -> empty(kind);
            case TABLE -> {
                if (pInButtonScope()) {
                    switch (quirks) {
                        case NO_QUIRKS -> closeTo("p", IS_P); // in scope: just asked
                        case QUIRKS -> { } // a quirks-mode table goes inside the p
                        case UNKNOWN -> {
                            giveUp();
                            return;
                        }
                    }
                }
                push(name, kind);
            }
            default -> otherStart(name, kind);
        }
    }

    /** A start tag the body's rules have no case of their own for. */
    private void otherStart(String name, int kind) {
        if ((kind & (IS_VOID | IS_DATA)) != 0) {
            empty(kind);
        } else {
            if ((kind & IS_P_CLOSER) != 0) {
                closeP();
            }
            push(name, kind);
        }
    }

    /** An end tag in the body, named {@code name}, whose {@link TagNames} id is {@code id}. */
    void end(String name, int id) {
        int kind = FLAGS[id];
        newlineDropped = false;
        if (unsure) {
            return;
        }
        TagCases.End endCase = TagCases.onEnd(id);
        if (depth > 0 && names[depth - 1] == name && endCase != TagCases.End.FORM) {
            // The commonest end tag, its element's own, closes just that element in every rule below, the table
            // modes' included (a cell, row, row group, caption, column group or table that is the current node;
            // a p or li in scope with no implied end above it); a form's end also clears the form pointer.
            pop();
            return;
        }
        if (tables > 0 && tableEnd(name, kind)) {
            return;
        }
        if ((kind & IS_HEADING) != 0) {
            if (inScope(IS_HEADING, false)) {
                closeTo(null, IS_HEADING);
            }
            return;
        }
        switch (endCase) {
            case STAYS_OPEN -> { } // the body stays open (template: never pushed)
            case P -> {
                if (!pInButtonScope()) {
                    giveUp(); // jsoup inserts an empty p
                    return;
                }
                closeTo("p", IS_P);
            }
            case BR -> giveUp(); // jsoup inserts a br
            case LI -> {
                if (inListItemScope()) {
                    closeTo("li", IS_LI);
                }
            }
            case DD_DT -> {
                if (inScope(name, IS_SCOPE)) {
                    closeTo(name, 0);
                }
            }
            case FORM -> {
                boolean open = formOpen;
                formOpen = false;
                if (!open || !inScope("form", IS_SCOPE)) {
                    return;
                }
                while (depth > 0 && (kinds[depth - 1] & IS_IMPLIED_END) != 0) {
                    pop();
                }
                if (depth > 0 && names[depth - 1].equals("form")) {
                    pop();
                } else {
                    giveUp(); // jsoup takes the form out of the middle of the stack
                }
            }
            default -> otherEnd(name, kind);
        }
    }

    /** An end tag the body's rules have no case of their own for. */
    private void otherEnd(String name, int kind) {
        if ((kind & IS_FORMATTING) != 0) {
            if (onStack(name)) {
                giveUp(); // the adoption agency (the element on top, its own end's simple case, was closed in end())
            }
        } else if ((kind & IS_END_CLOSER) != 0) {
            if (inScope(name, IS_SCOPE)) {
                closeTo(name, 0);
            }
        } else {
            anyOtherEnd(name);
        }
    }

    /** The stack index of the open element that decides the table mode: the innermost table part or table. */
    private int structure() {
        int k = depth - 1;
        while ((kinds[k] & IS_STRUCTURE) == 0) {
            k--; // a table is open, so one is found
        }
        return k;
    }

    /**
     * A start tag while a table is open: true when a table mode took it, false when it goes to the body's rules
     * (in a cell or caption, anything but a table part).
     */
    private boolean tableStart(String name, int kind) {
        int at = structure();
        int mode = kinds[at];
        if ((mode & (IS_CELL | IS_CAPTION)) != 0) {
            if ((kind & IS_TABLE_PART) == 0) {
                return false;
            }
            closeThrough(at); // jsoup's "close the cell" (or caption), then the tag again in the row's (table's) mode
            return tableStart(name, kind);
        }
        if (at != depth - 1) {
            giveUp(); // not reached: anything else open in a table, row group or row was foster-parented
            return true;
        }
        if ((mode & IS_COLGROUP) != 0) {
            if ((kind & IS_COL) != 0) {
                empty(kind);
                return true;
            }
            pop(); // anything else ends the column group, and is the table's again
            return tableStart(name, kind);
        }
        if ((mode & IS_ROW) != 0) {
            if ((kind & IS_CELL) != 0) {
                push(name, kind);
            } else if ((kind & IS_TABLE_PART) != 0) {
                pop(); // the row ends; the row group's mode takes the tag
                return tableStart(name, kind);
            } else {
                inTableOther(name, kind);
            }
            return true;
        }
        if ((mode & IS_SECTION) != 0) {
            if ((kind & IS_ROW) != 0) {
                push(name, kind);
            } else if ((kind & IS_CELL) != 0) {
                push("tr", TR); // an implied row
                return tableStart(name, kind);
            } else if ((kind & IS_TABLE_PART) != 0) {
                pop(); // caption, col, colgroup or a row group: this row group ends
                return tableStart(name, kind);
            } else {
                inTableOther(name, kind);
            }
            return true;
        }
        if ((kind & (IS_CAPTION | IS_COLGROUP | IS_SECTION)) != 0) {
            push(name, kind);
        } else if ((kind & IS_COL) != 0) {
            push("colgroup", COLGROUP); // an implied column group
            return tableStart(name, kind);
        } else if ((kind & (IS_ROW | IS_CELL)) != 0) {
            push("tbody", TBODY); // an implied row group
            return tableStart(name, kind);
        } else {
            inTableOther(name, kind);
        }
        return true;
    }

    /**
     * Any other start tag in a table, row group or row: {@code script} and {@code style} stay where they are
     * (jsoup's {@code InTableToHead}); anything else jsoup foster-parents, which is not followed here.
     */
    private void inTableOther(String name, int kind) {
        if (name.equals("script") || name.equals("style")) {
            empty(kind);
        } else {
            giveUp();
        }
    }

    /**
     * An end tag while a table is open: true when a table mode took it (closed a part, or ignored it), false when
     * it goes to the body's rules (whose scope searches stop at the table, its cells and caption).
     */
    private boolean tableEnd(String name, int kind) {
        int at = structure();
        int mode = kinds[at];
        if ((mode & IS_CELL) != 0) {
            if ((kind & IS_CELL) != 0) {
                if (names[at] == name) {
                    closeThrough(at);
                } else {
                    giveUp(); // jsoup leaves the cell open but leaves the cell's mode
                }
                return true;
            }
            if ((kind & IS_TABLE_END_IGNORED) != 0) {
                return true;
            }
            if ((kind & (IS_TABLE | IS_SECTION | IS_ROW)) != 0) {
                if (inScope(name, IS_TABLE)) {
                    closeThrough(at); // the cell closes, then the row's mode takes the tag
                    return tableEnd(name, kind);
                }
                return true;
            }
            return false;
        }
        if ((mode & IS_CAPTION) != 0) {
            if ((kind & (IS_CAPTION | IS_TABLE)) != 0) {
                closeThrough(at);
                return (kind & IS_CAPTION) != 0 || tableEnd(name, kind);
            }
            return (kind & (IS_TABLE_END_IGNORED | IS_TABLE_PART)) != 0;
        }
        if (at != depth - 1) {
            giveUp(); // not reached, as in tableStart
            return true;
        }
        if ((mode & IS_COLGROUP) != 0) {
            if (name.equals("template")) {
                giveUp(); // jsoup's head rules take it, leaving the column group open
                return true;
            }
            pop(); // its end tag, or anything else: the column group ends (and the table's mode takes the rest)
            return (kind & IS_COLGROUP) != 0 || tableEnd(name, kind);
        }
        if ((mode & (IS_ROW | IS_SECTION)) != 0) {
            boolean row = (mode & IS_ROW) != 0;
            if (row && (kind & IS_ROW) != 0 || !row && names[at] == name) {
                pop();
            } else if ((kind & IS_TABLE) != 0 || (kind & (IS_SECTION | IS_ROW)) != 0 && inScope(name, IS_TABLE)) {
                pop(); // the row (row group) ends, and the mode around it takes the tag
                return tableEnd(name, kind);
            } else if ((kind & (IS_TABLE_END_IGNORED | IS_TABLE_PART)) == 0) {
                return inTableOtherEnd(kind);
            }
            return true;
        }
        if ((kind & IS_TABLE) != 0) {
            pop();
        } else if ((kind & (IS_TABLE_END_IGNORED | IS_TABLE_PART)) == 0) {
            return inTableOtherEnd(kind);
        }
        return true;
    }

    /**
     * Any other end tag in a table, row group or row: jsoup gives it to the body's rules, which ignore most of them
     * here (the table stops their searches); those that would insert an element ({@code </p>}, {@code </br>})
     * insert it before the table, and formatting ends run the adoption agency: not followed.
     */
    private boolean inTableOtherEnd(int kind) {
        if ((kind & (IS_P | IS_FORMATTING)) != 0 || (kind & IS_VOID) != 0) {
            giveUp();
            return true;
        }
        return false;
    }

    /**
     * Pops through the element at stack index {@code at}: a cell or caption closing (implied ends generated), whose
     * formatting elements jsoup clears to the cell's marker rather than reconstructs; or a table part.
     */
    private void closeThrough(int at) {
        while (depth > at) {
            pop();
        }
    }

    /** jsoup's "any other end tag": closes the nearest open element of that name, unless a special one is nearer. */
    private void anyOtherEnd(String name) {
        for (int k = depth - 1; k >= 0; k--) {
            if (names[k] == name) {
                closeTo(name, 0);
                return;
            }
            if ((kinds[k] & IS_SPECIAL) != 0) {
                return;
            }
        }
    }

    /**
     * How far down the stack jsoup's {@code dd}/{@code dt} start tag looks for an open one (its {@code MaxStackScan},
     * 24 below the current element): deeper, it closes nothing. The scanner gives up there rather than count on its
     * stack lining up with jsoup's that far down (the {@code li} search has no such limit).
     */
    private static final int DD_DT_SCAN = 24;

    /** The {@code li} (or {@code dd}/{@code dt}) start tag's search: closes an open one unless a special element is nearer. */
    private void closeListItem(int item) {
        for (int k = depth - 1; k >= 0; k--) {
            if (item == IS_DD_DT && depth - 1 - k > DD_DT_SCAN) {
                giveUp();
                return;
            }
            int kind = kinds[k];
            if ((kind & item) != 0) {
                closeTo(names[k], 0);
                return;
            }
            if ((kind & IS_SPECIAL) != 0 && (kind & IS_ITEM_SEARCH_EXEMPT) == 0) {
                return;
            }
        }
    }

    private void closeP() {
        if (pInButtonScope()) {
            closeTo("p", IS_P);
        }
    }

    /** Whether a {@code p} is open with no scope boundary nearer, {@code button} included. */
    private boolean pInButtonScope() {
        return paragraphs > 0 && inScope(IS_P, true);
    }

    /**
     * Pops through the nearest open {@code target}, or element of the kind {@code bit} when not 0 (any heading:
     * {@code IS_HEADING}); a formatting element popped on the way gives up, since jsoup would reconstruct it
     * later: a clone.
     */
    private void closeTo(String target, int bit) {
        while (depth > 0 && !unsure) {
            int kind = kinds[depth - 1];
            boolean hit = bit != 0 ? (kind & bit) != 0 : names[depth - 1] == target;
            if (!hit && (kind & IS_FORMATTING) != 0) {
                giveUp();
                return;
            }
            pop();
            if (hit) {
                return;
            }
        }
    }

    /**
     * Whether an element of the kind {@code target} (one of the single-name bits) is open with no scope boundary
     * nearer: {@code table}, {@code td}, {@code th}, {@code caption} (the others are never open here) and, in
     * button scope, {@code button}.
     */
    private boolean inScope(int target, boolean button) {
        int boundary = button ? IS_SCOPE | IS_BUTTON : IS_SCOPE;
        for (int k = depth - 1; k >= 0; k--) {
            if ((kinds[k] & target) != 0) {
                return true;
            }
            if ((kinds[k] & boundary) != 0) {
                return false;
            }
        }
        return false;
    }

    /**
     * Whether an element named {@code name} is open with no element of the kind {@code boundary} nearer (it may be
     * one itself): {@link #IS_SCOPE} for the default scope, {@link #IS_TABLE} for table scope, where only the
     * innermost open table bounds the search.
     */
    private boolean inScope(String name, int boundary) {
        for (int k = depth - 1; k >= 0; k--) {
            if (names[k] == name) {
                return true;
            }
            if ((kinds[k] & boundary) != 0) {
                return false;
            }
        }
        return false;
    }

    private boolean inListItemScope() {
        for (int k = depth - 1; k >= 0; k--) {
            if ((kinds[k] & IS_LI) != 0) {
                return true;
            }
            if ((kinds[k] & (IS_LIST | IS_SCOPE)) != 0) {
                return false;
            }
        }
        return false;
    }

    /** Whether an element of that name is open. */
    boolean onStack(String name) {
        for (int k = depth - 1; k >= 0; k--) {
            if (names[k] == name) {
                return true;
            }
        }
        return false;
    }

    private void push(String name, int kind) {
        if (captureCount > 0) { // asked here, not only in opened(): C1 does not inline it, and most tags capture nothing
            opened(kind);
        }
        if (depth == names.length) {
            names = Arrays.copyOf(names, depth * 2);
            kinds = Arrays.copyOf(kinds, depth * 2);
        }
        names[depth] = name;
        kinds[depth++] = kind;
        if ((kind & IS_TABLE) != 0) { // counted where pop() counts them down, however a table is opened
            tables++;
        } else if ((kind & IS_A) != 0) {
            anchors++;
        } else if ((kind & IS_P) != 0) {
            paragraphs++;
        }
    }

    /** An element with no children here: a void element, or one whose content is data the scanner skipped. */
    private void empty(int kind) {
        if (captureCount > 0) {
            opened(kind);
        }
        closed(kind);
    }

    private void pop() {
        int kind = kinds[--depth];
        if ((kind & IS_TABLE) != 0) {
            tables--;
        } else if ((kind & IS_A) != 0) {
            anchors--;
        } else if ((kind & IS_P) != 0) {
            paragraphs--;
        }
        while (captureCount > 0 && captures[captureCount - 1].level > depth) {
            captures[--captureCount].close();
        }
        closed(kind);
    }

    /**
     * {@code Element.text()}'s head rule: a block element or {@code br} starts with a space; its tail rule for an
     * inline one. Called only while something is captured (its callers ask, since C1 does not inline it).
     */
    private void opened(int kind) {
        boolean space = (kind & IS_BLOCK) != 0 || blockEnded;
        for (int c = 0; c < captureCount; c++) {
            StringBuilder text = captures[c].text;
            if (space && text.length() > 0 && !lastIsSpace(text)) {
                text.append(' ');
            }
        }
        blockEnded = false;
    }

    private void closed(int kind) {
        blockEnded = captureCount > 0 && (kind & IS_BLOCK) != 0;
    }

    /**
     * Starts capturing the text of the element just opened; its text goes to {@code into.get(slot)} when it
     * closes (or the page ends).
     */
    void capture(List<String> into, int slot) {
        if (!unsure) {
            if (captureCount > 0) {
                Capture innermost = captures[captureCount - 1];
                if (innermost.opened == events && innermost.level == depth && innermost.alsoInto == null) {
                    innermost.alsoInto = into; // the element just opened, for another probe: the same text
                    innermost.alsoSlot = slot;
                    return;
                }
            }
            if (captureCount == captures.length) {
                captures = Arrays.copyOf(captures, captureCount * 2);
            }
            Capture capture = captures[captureCount];
            if (capture == null) {
                capture = new Capture();
                captures[captureCount] = capture;
            }
            capture.open(depth, events, into, slot);
            captureCount++;
        }
    }

    /** Text between tags, as written ({@code html[from, to)}); a text node, or part of one. */
    void text(String html, int from, int to) {
        events++;
        if (from >= to) {
            return;
        }
        if (captureCount == 0 && tables == 0) {
            newlineDropped = false; // no text wanted, and none a table would move: most text of most pages
            return;
        }
        if (newlineDropped && html.charAt(from) == '\n') {
            from++;
        }
        newlineDropped = false;
        if (fosters() && !isWhitespace(html, from, to)) {
            giveUp(); // jsoup moves it before the table
            return;
        }
        if (captureCount == 0 || from >= to) {
            return;
        }
        boolean preserved = false;
        for (int k = Math.max(0, depth - PRESERVE_DEPTH); k < depth; k++) {
            preserved |= (kinds[k] & IS_PRE) != 0; // only pre, of the tags whose text keeps its whitespace, is ever open here
        }
        if (!preserved) {
            // Most text holds neither a character reference nor NUL: the pass that appends it to the first capture
            // asks that on the way, instead of two passes before it. Where it meets one, what it appended is undone.
            StringBuilder first = captures[0].text;
            int mark = first.length();
            spaceAfterBlock(first);
            int stop = appendNormalised(first, html, from, to, true);
            if (stop < 0) {
                appendToCaptures(1, html, from, to, false);
                return;
            }
            first.setLength(mark);
        }
        int reference = html.indexOf('&', from, to);
        if (html.indexOf('\0', from, to) >= 0) {
            giveUp(); // jsoup drops NUL characters in the body, in its own way
            return;
        }
        // decoded when it holds a character reference; otherwise read in place
        String text = reference >= 0 ? CharacterReferences.decode(html.substring(from, to), false) : html;
        int start = text == html ? from : 0;
        int end = text == html ? to : text.length();
        appendToCaptures(0, text, start, end, preserved);
    }

    /**
     * Appends {@code text[start, end)}, which holds no character reference, to the open captures from {@code first} on:
     * as it is within a few levels of a pre ({@code preserved}: text() keeps that whitespace), else normalised.
     */
    private void appendToCaptures(int first, String text, int start, int end, boolean preserved) {
        for (int c = first; c < captureCount; c++) {
            StringBuilder into = captures[c].text;
            spaceAfterBlock(into);
            if (preserved) {
                into.append(text, start, end);
            } else {
                appendNormalised(into, text, start, end, false);
            }
        }
        blockEnded = false;
    }

    /** {@code Element.text()}'s space between a block element's text and the text after it. */
    private void spaceAfterBlock(StringBuilder into) {
        if (blockEnded && into.length() > 0 && !lastIsSpace(into)) {
            into.append(' ');
        }
    }

    /** A comment: a node between siblings, so a block before it gets no space from what follows. */
    void comment() {
        blockEnded = false;
        newlineDropped = false;
    }

    /** CDATA: jsoup keeps it as a text node whose whitespace is not normalized. */
    void cdata() {
        if (capturing() || fosters()) {
            giveUp();
        }
    }

    /** The end of the page: every open element closes. */
    void finish() {
        while (depth > 0 && captureCount > 0) {
            pop();
        }
    }

    /**
     * jsoup's {@code StringUtil.appendNormalisedWhitespace(into, text, lastIsSpace(into))} on a range: runs of
     * whitespace (nbsp included) become one space, none at the start after a space; zero-width space and soft
     * hyphen are dropped. (Both are in the Basic Multilingual Plane, so chars serve as well as code points.)
     * Printable ASCII, most of any text, is neither, and is passed over by one compare, as is a single space
     * between two such characters (a run is appended at once, not word by word). With {@code check}, stops at the
     * first {@code &} or NUL, which raw text must not be appended with (a character reference to decode, a NUL jsoup
     * drops), and returns its index, the text before it partly appended; else returns -1, all of it appended.
     */
    private static int appendNormalised(StringBuilder into, String text, int from, int to, boolean check) {
        boolean lastWasWhite = false;
        boolean reachedNonWhite = false;
        boolean stripLeading = lastIsSpace(into);
        int run = from; // start of a run of characters kept as they are, appended at once
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            if (c > ' ' && c < 127 && c != '&') {
                continue;
            }
            if (check && (c == '&' || c == '\0')) {
                return k;
            }
            if (c == ' ' && k > run && k + 1 < to && text.charAt(k + 1) > ' ' && text.charAt(k + 1) < 127) {
                continue; // one space between kept characters is its own normal form: the run goes on
            }
            boolean white = StringUtil.isActuallyWhitespace(c);
            if (!white && !StringUtil.isInvisibleChar(c)) {
                continue;
            }
            if (run < k) {
                into.append(text, run, k);
                lastWasWhite = false;
                reachedNonWhite = true;
            }
            run = k + 1;
            if (white && !(stripLeading && !reachedNonWhite || lastWasWhite)) {
                into.append(' ');
                lastWasWhite = true;
            }
        }
        if (run < to) {
            into.append(text, run, to);
        }
        return -1;
    }

    /** Whether {@code html[from, to)} is all the tokenizer's whitespace (which a table keeps where it is). */
    private static boolean isWhitespace(String html, int from, int to) {
        for (int k = from; k < to; k++) {
            char c = html.charAt(k);
            if (c != ' ' && c != '\n' && c != '\t' && c != '\r' && c != '\f') {
                return false;
            }
        }
        return true;
    }

    private static boolean lastIsSpace(StringBuilder text) {
        return text.length() > 0 && text.charAt(text.length() - 1) == ' ';
    }
}
