package dev.trawl.parse;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a charset label from a header, a {@code <meta>} or a detector into the Java {@link Charset} that
 * browsers decode it with. The WHATWG Encoding Standard maps several labels to a superset: GB2312 and GBK
 * are decoded as GB18030, Shift_JIS as windows-31j, ISO-8859-1 and US-ASCII as windows-1252, EUC-KR as
 * windows-949. Immutable and thread-safe.
 */
final class EncodingLabels {
    private static final Map<String, String> WHATWG_SUPERSETS = Map.ofEntries(
            Map.entry("gb2312", "GB18030"),
            Map.entry("gbk", "GB18030"),
            Map.entry("x-gbk", "GB18030"),
            Map.entry("csgb2312", "GB18030"),
            Map.entry("chinese", "GB18030"),
            Map.entry("gb_2312-80", "GB18030"),
            Map.entry("shift_jis", "windows-31j"),
            Map.entry("shift-jis", "windows-31j"),
            Map.entry("sjis", "windows-31j"),
            Map.entry("x-sjis", "windows-31j"),
            Map.entry("ms_kanji", "windows-31j"),
            Map.entry("csshiftjis", "windows-31j"),
            Map.entry("ms932", "windows-31j"),
            Map.entry("iso-8859-1", "windows-1252"),
            Map.entry("iso8859-1", "windows-1252"),
            Map.entry("iso_8859-1", "windows-1252"),
            Map.entry("latin1", "windows-1252"),
            Map.entry("l1", "windows-1252"),
            Map.entry("us-ascii", "windows-1252"),
            Map.entry("ascii", "windows-1252"),
            Map.entry("euc-kr", "x-windows-949"),
            Map.entry("ks_c_5601-1987", "x-windows-949"),
            Map.entry("iso-8859-9", "windows-1254"),
            Map.entry("latin5", "windows-1254"),
            Map.entry("tis-620", "x-windows-874"),
            Map.entry("iso-8859-11", "x-windows-874"));

    private EncodingLabels() {}

    /** The charset for {@code label}, or empty if neither the table nor Java knows the name. */
    static Optional<Charset> resolve(String label) {
        String name = label.trim().replaceAll("^[\"']+|[\"']+$", "").toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        String javaName = WHATWG_SUPERSETS.getOrDefault(name, name);
        try {
            return Charset.isSupported(javaName) ? Optional.of(Charset.forName(javaName)) : Optional.empty();
        } catch (IllegalCharsetNameException e) {
            return Optional.empty();
        }
    }

    /**
     * Like {@link #resolve} for a label found inside the document: a page that is readable as ASCII cannot
     * really be UTF-16, so the HTML spec reads a {@code <meta>} UTF-16 label as UTF-8.
     */
    static Optional<Charset> resolveInDocument(String label) {
        return resolve(label).map(charset -> charset.name().startsWith("UTF-16") ? StandardCharsets.UTF_8 : charset);
    }
}
