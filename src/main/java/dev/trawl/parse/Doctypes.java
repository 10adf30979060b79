package dev.trawl.parse;

/**
 * The quirks mode jsoup 1.21 gives a document from its doctype ({@code HtmlTreeBuilderState.Initial}): quirks
 * when the doctype's name is not {@code html}, its public identifier is {@code HTML}, or the tokenizer forces
 * it (a malformed doctype); no quirks otherwise. Only the well-formed doctypes are read here —
 * {@code <!DOCTYPE html>}, and a name with a quoted {@code PUBLIC} identifier (and system identifier) or a quoted
 * {@code SYSTEM} identifier, as HTML 4 and XHTML pages write them; any other is
 * {@link OpenElements.QuirksMode#UNKNOWN}. Stateless.
 */
final class Doctypes {
    private Doctypes() {}

    /** The quirks mode of the doctype whose text after {@code <!DOCTYPE} starts at {@code s[from]}. */
    static OpenElements.QuirksMode quirksMode(String s, int from) {
        int n = s.length();
        int k = skipSpace(s, from);
        if (k == from) {
            return OpenElements.QuirksMode.UNKNOWN; // no space before the name: the tokenizer's error path
        }
        int nameStart = k;
        while (k < n && isAsciiAlphanumeric(s.charAt(k))) {
            k++;
        }
        if (k == nameStart) {
            return OpenElements.QuirksMode.UNKNOWN;
        }
        boolean html = s.regionMatches(true, nameStart, "html", 0, 4) && k - nameStart == 4;
        k = skipSpace(s, k);
        String publicId = "";
        if (s.regionMatches(true, k, "public", 0, 6) || s.regionMatches(true, k, "system", 0, 6)) {
            boolean isPublic = Character.toLowerCase(s.charAt(k)) == 'p';
            int quoted = skipSpace(s, k + 6);
            int end = quotedEnd(s, quoted);
            if (quoted == k + 6 || end < 0) {
                return OpenElements.QuirksMode.UNKNOWN;
            }
            if (isPublic) {
                publicId = s.substring(quoted + 1, end);
            }
            k = end + 1;
            if (isPublic) {
                int system = skipSpace(s, k);
                if (system < n && (s.charAt(system) == '"' || s.charAt(system) == '\'')) {
                    int systemEnd = quotedEnd(s, system);
                    if (system == k || systemEnd < 0) {
                        return OpenElements.QuirksMode.UNKNOWN;
                    }
                    k = systemEnd + 1;
                }
            }
            k = skipSpace(s, k);
        }
        if (k >= n || s.charAt(k) != '>') {
            return OpenElements.QuirksMode.UNKNOWN;
        }
        return html && !publicId.equalsIgnoreCase("HTML")
                ? OpenElements.QuirksMode.NO_QUIRKS : OpenElements.QuirksMode.QUIRKS;
    }

    /** Where the quote opened at {@code s[at]} closes, with no {@code >} or NUL inside; -1 if it does not. */
    private static int quotedEnd(String s, int at) {
        if (at >= s.length() || s.charAt(at) != '"' && s.charAt(at) != '\'') {
            return -1;
        }
        char quote = s.charAt(at);
        for (int k = at + 1; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == quote) {
                return k;
            }
            if (c == '>' || c == '\0') {
                return -1;
            }
        }
        return -1;
    }

    private static int skipSpace(String s, int from) {
        int k = from;
        while (k < s.length() && (s.charAt(k) == ' ' || s.charAt(k) == '\t' || s.charAt(k) == '\n'
                || s.charAt(k) == '\r' || s.charAt(k) == '\f')) {
            k++;
        }
        return k;
    }

    private static boolean isAsciiAlphanumeric(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }
}
