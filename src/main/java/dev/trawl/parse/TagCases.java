package dev.trawl.parse;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * Which of the body's tree-building rules with a case of their own a tag takes, by its name: one constant per
 * {@link TagNames} id, for {@link OpenElements}' start-tag and end-tag switches. An array read and a switch on an
 * ordinal, where a switch on the name hashed and compared a string (two calls, which the launcher's C1 compiler does
 * not inline, on every {@code <a>} and {@code <li>}). Start and end tags have cases of their own kinds, so a switch
 * cannot name a case its tags never take. Immutable.
 */
final class TagCases {
    /** A start tag's case. */
    enum Start {
        /** No case of its own: the rules for any other tag. */
        OTHER, A, LI, DD_DT, PRE, HR, FORM, BUTTON,
        /** {@code textarea}, {@code title}: elements whose content the scanner skips. */
        RAW,
        TABLE
    }

    /** An end tag's case. */
    enum End {
        /** No case of its own: the rules for any other tag. */
        OTHER,
        /** {@code body}, {@code html}, {@code head}, {@code template}: ends that close nothing here. */
        STAYS_OPEN,
        P, BR, LI, DD_DT, FORM
    }

    private static final Start[] START = byId(new Start[TagNames.count()], Start.OTHER, Map.of(Start.A, Set.of("a"),
            Start.LI, Set.of("li"), Start.DD_DT, Set.of("dd", "dt"), Start.PRE, Set.of("pre", "listing"),
            Start.HR, Set.of("hr", "xmp"), Start.FORM, Set.of("form"), Start.BUTTON, Set.of("button"),
            Start.RAW, Set.of("textarea", "title"), Start.TABLE, Set.of("table")));
    private static final End[] END = byId(new End[TagNames.count()], End.OTHER, Map.of(
            End.STAYS_OPEN, Set.of("body", "html", "head", "template"), End.P, Set.of("p"), End.BR, Set.of("br"),
            End.LI, Set.of("li"), End.DD_DT, Set.of("dd", "dt"), End.FORM, Set.of("form")));

    private TagCases() {}

    /** The case of the start tag whose {@link TagNames} id is {@code id}. */
    static Start onStart(int id) {
        return START[id];
    }

    /** The case of the end tag whose {@link TagNames} id is {@code id}. */
    static End onEnd(int id) {
        return END[id];
    }

    /** {@code cases}, one per {@link TagNames} id: each listed name's case, {@code other} for the rest. */
    private static <C> C[] byId(C[] cases, C other, Map<C, Set<String>> names) {
        Arrays.fill(cases, other);
        names.forEach((code, set) -> set.forEach(name -> cases[TagNames.known(name)] = code));
        return cases;
    }
}
