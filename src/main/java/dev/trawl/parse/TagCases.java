package dev.trawl.parse;

import java.util.Map;
import java.util.Set;

/**
 * Which of the body's tree-building rules with a case of their own a tag takes, by its name: a small code per
 * {@link TagNames} id, for {@link OpenElements}' start-tag and end-tag switches. An array read and a switch on an
 * int, where a switch on the name hashed and compared a string (two calls, which the launcher's C1 compiler does not
 * inline, on every {@code <a>} and {@code <li>}). Immutable.
 */
final class TagCases {
    /** No case of its own: the rules for any other tag. */
    static final int OTHER = 0;
    static final int A = 1;
    static final int LI = 2;
    static final int DD_DT = 3;
    static final int PRE = 4;
    static final int HR = 5;
    static final int FORM = 6;
    static final int BUTTON = 7;
    /** {@code textarea}, {@code title}: elements whose content the scanner skips. */
    static final int RAW = 8;
    static final int TABLE = 9;
    /** {@code body}, {@code html}, {@code head}, {@code template}: ends that close nothing here. */
    static final int STAYS_OPEN = 10;
    static final int P = 11;
    static final int BR = 12;

    private static final int[] START = byId(Map.of(A, Set.of("a"), LI, Set.of("li"), DD_DT, Set.of("dd", "dt"),
            PRE, Set.of("pre", "listing"), HR, Set.of("hr", "xmp"), FORM, Set.of("form"), BUTTON, Set.of("button"),
            RAW, Set.of("textarea", "title"), TABLE, Set.of("table")));
    private static final int[] END = byId(Map.of(STAYS_OPEN, Set.of("body", "html", "head", "template"),
            P, Set.of("p"), BR, Set.of("br"), LI, Set.of("li"), DD_DT, Set.of("dd", "dt"), FORM, Set.of("form")));

    private TagCases() {}

    /** The case of the start tag whose {@link TagNames} id is {@code id}. */
    static int onStart(int id) {
        return START[id];
    }

    /** The case of the end tag whose {@link TagNames} id is {@code id}. */
    static int onEnd(int id) {
        return END[id];
    }

    private static int[] byId(Map<Integer, Set<String>> names) {
        int[] cases = new int[TagNames.count()];
        names.forEach((code, set) -> set.forEach(name -> cases[TagNames.known(name)] = code));
        return cases;
    }
}
