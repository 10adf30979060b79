package dev.trawl.parse;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The tag names the scanner and the open-element model act on, each with a small integer id, looked up straight
 * from the page's text without making a string. A tag's name is read once, here; everything after it is an
 * array index ({@link OpenElements}' categories, {@link ProbeSet}'s probes) or a compare against the one
 * canonical {@code String} of the name. (The per-tag {@code substring}, {@code toLowerCase}, hash and set
 * lookups were most of what extraction rules added to a page's pass, under the launcher's C1-only compiler.)
 * Immutable and thread-safe.
 */
final class TagNames {
    /** The id of a name not listed here. */
    static final int UNKNOWN = 0;

    /**
     * Every name a category of the scanner or {@link OpenElements} mentions, and the other common HTML elements;
     * id = index. Anything else is {@link #UNKNOWN}.
     */
    private static final String[] NAMES = {
        "", "a", "abbr", "address", "applet", "area", "article", "aside", "audio", "b", "base", "basefont", "bdi",
        "bdo", "bgsound", "big", "blockquote", "body", "br", "button", "canvas", "caption", "center", "cite", "code",
        "col", "colgroup", "command", "data", "datalist", "dd", "del", "desc", "details", "dfn", "dialog", "dir",
        "div", "dl", "dt", "em", "embed", "fieldset", "figcaption", "figure", "font", "footer", "foreignobject",
        "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html",
        "i", "iframe", "image", "img", "input", "ins", "isindex", "kbd", "keygen", "label", "legend", "li", "link",
        "listing", "main", "map", "mark", "marquee", "math", "menu", "menuitem", "meta", "meter", "mi", "mn", "mo",
        "ms", "mtext", "nav", "nobr", "noembed", "noframes", "noscript", "object", "ol", "optgroup", "option",
        "output", "p", "param", "picture", "plaintext", "pre", "progress", "q", "rb", "rp", "rt", "rtc", "ruby", "s",
        "samp", "script", "search", "section", "select", "slot", "small", "source", "span", "strike", "strong",
        "style", "sub", "summary", "sup", "svg", "table", "tbody", "td", "template", "textarea", "tfoot", "th",
        "thead", "time", "title", "tr", "track", "tt", "u", "ul", "var", "video", "wbr", "xmp", "device",
    };
    /** The longest listed name: a longer one is no tag this package acts on by name. */
    static final int LONGEST = Arrays.stream(NAMES).mapToInt(String::length).max().orElseThrow();
    /**
     * The one index of the names: open addressing on the lower-case name's {@code String.hashCode()}; 0 is an empty
     * slot (id 0 is no name). Read from the page's text ({@link #find}) and for a name as a string ({@link #id}).
     */
    private static final int[] SLOTS = new int[512];

    static {
        for (int id = 1; id < NAMES.length; id++) {
            if (id(NAMES[id]) != UNKNOWN) {
                throw new AssertionError("listed twice: " + NAMES[id]);
            }
            int slot = slot(NAMES[id].hashCode());
            while (SLOTS[slot] != 0) {
                slot = (slot + 1) & (SLOTS.length - 1);
            }
            SLOTS[slot] = id;
        }
    }

    private TagNames() {}

    /** How many ids there are: arrays indexed by id have this length. */
    static int count() {
        return NAMES.length;
    }

    /** The canonical lower-case name of {@code id} ("" for {@link #UNKNOWN}). */
    static String name(int id) {
        return NAMES[id];
    }

    /** The id of a lower-case name, or {@link #UNKNOWN}. */
    static int id(String name) {
        int id = find(name, 0, name.length());
        return id != UNKNOWN && NAMES[id].equals(name) ? id : UNKNOWN; // find ignores ASCII case; a name here is lower case
    }

    /**
     * Per id, a bit for each of {@code sets} that holds its name (bit {@code i} for {@code sets.get(i)}): a tag's
     * categories as one array read. Every name in the sets must be listed.
     */
    static int[] bits(List<Set<String>> sets) {
        int[] bits = new int[count()];
        for (int bit = 0; bit < sets.size(); bit++) {
            for (String name : sets.get(bit)) {
                bits[known(name)] |= 1 << bit;
            }
        }
        return bits;
    }

    /** The id of a name that must be listed (for tables built at class initialization). */
    static int known(String name) {
        int id = id(name);
        if (id == UNKNOWN) {
            throw new AssertionError("not in TagNames: " + name);
        }
        return id;
    }

    /**
     * The id of the tag name written at {@code text[from, to)}, in any ASCII case, or {@link #UNKNOWN} — also for
     * a name with other than ASCII characters, which only its {@code toLowerCase} can tell (the Kelvin sign's
     * lower case is {@code k}): the caller lower-cases those and asks {@link #id(String)}.
     */
    static int find(String text, int from, int to) {
        int length = to - from;
        if (length > LONGEST) {
            return UNKNOWN;
        }
        int hash = 0;
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            } else if (c > 127) {
                return UNKNOWN;
            }
            hash = 31 * hash + c;
        }
        for (int slot = slot(hash); ; slot = (slot + 1) & (SLOTS.length - 1)) {
            int id = SLOTS[slot];
            if (id == UNKNOWN) {
                return UNKNOWN;
            }
            if (sameName(text, from, NAMES[id], length)) {
                return id;
            }
        }
    }

    /** Whether {@code text[from, from + length)}, ASCII only, is {@code name} in some case. */
    private static boolean sameName(String text, int from, String name, int length) {
        if (name.length() != length) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            char c = text.charAt(from + k);
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != name.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static int slot(int hash) {
        return (hash ^ (hash >>> 9)) & (SLOTS.length - 1);
    }

}
