package dev.trawl.parse;

import org.jsoup.parser.Parser;

/**
 * Decodes the character references of an attribute value or a text node exactly as jsoup's
 * {@link Parser#unescapeEntities} does, without its cost where the references are the common ones: that call builds
 * a whole tree builder, reader and tokeniser for each string (on the real-site benchmark's pages, about 5% of the
 * outline's pass, most of it for the javadoc's {@code <section id="&lt;init&gt;(...)">} and links with
 * {@code &amp;}). A string whose every {@code &} starts {@code &lt;}, {@code &gt;}, {@code &amp;}, {@code &quot;},
 * {@code &nbsp;} or a decimal reference to a printable ASCII character ({@code &#39;}), each with its semicolon, is
 * decoded here; any other goes to jsoup (legacy references without a semicolon, the attribute rule on what follows
 * them, numeric references that jsoup remaps or replaces). Stateless and thread-safe.
 */
final class CharacterReferences {
    /** A named reference decoded here: its name with the semicolon, and its character. */
    private record Named(String name, char character) {}

    private static final Named[] NAMED = {new Named("lt;", '<'), new Named("gt;", '>'), new Named("amp;", '&'),
        new Named("quot;", '"'), new Named("nbsp;", '\u00A0')};

    private CharacterReferences() {
    }

    /** {@code text} with its character references decoded, as {@code Parser.unescapeEntities(text, inAttribute)}. */
    static String decode(String text, boolean inAttribute) {
        int amp = text.indexOf('&');
        if (amp < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        while (amp >= 0) {
            out.append(text, from, amp);
            int end = simple(text, amp, out);
            if (end < 0) {
                return Parser.unescapeEntities(text, inAttribute);
            }
            from = end;
            amp = text.indexOf('&', from);
        }
        return out.append(text, from, text.length()).toString();
    }

    /**
     * Appends the character of the reference at {@code text[amp]} when it is one this class decodes; returns where
     * the text goes on after its semicolon, or -1 (nothing appended) for any other.
     */
    private static int simple(String text, int amp, StringBuilder out) {
        int k = amp + 1;
        for (Named named : NAMED) {
            if (text.startsWith(named.name(), k)) {
                out.append(named.character());
                return k + named.name().length();
            }
        }
        if (k < text.length() && text.charAt(k) == '#') {
            int value = 0;
            int digit = k + 1;
            while (digit < text.length() && digit - k <= 4 && text.charAt(digit) >= '0' && text.charAt(digit) <= '9') {
                value = value * 10 + text.charAt(digit++) - '0';
            }
            if (digit > k + 1 && digit < text.length() && text.charAt(digit) == ';' && value >= 0x20 && value < 0x7F) {
                out.append((char) value);
                return digit + 1;
            }
        }
        return -1;
    }
}
