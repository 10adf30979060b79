package dev.trawl.sink;

import dev.trawl.fetch.WireExchange;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the WARC writer needs of a response head ({@code HTTP/1.1 200 OK\r\nName: value\r\n…\r\n}), found in
 * one pass over its bytes: the status code and the media type (for the CDXJ index) and the content coding
 * (whether the body is compressed already). The writer asked the head three times a record before, making a
 * string of every field name it passed each time, and a string of the status line split in three for the
 * status. Immutable.
 *
 * @param status the status line's code ({@link WireExchange#statusOf}): 0 when the
 *     line has none (a head the crawl wrote always has one: the client's parsed code)
 * @param mediaType the {@code Content-Type}, lower case and without parameters, if there is one
 * @param encoding the {@code Content-Encoding}, stripped, if there is one
 */
record ResponseHead(int status, Optional<String> mediaType, Optional<String> encoding) {
    /** Media types compressed in themselves, whose responses are stored rather than deflated again. */
    private static final Set<String> COMPRESSED_TYPES = Set.of("image/jpeg", "image/png", "image/gif",
            "image/webp", "image/avif", "font/woff", "font/woff2", "application/zip", "application/gzip",
            "application/x-gzip", "application/zstd", "application/x-7z-compressed", "application/x-xz",
            "application/x-bzip2");
    private static final byte[] CONTENT_TYPE = "content-type".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] CONTENT_ENCODING = "content-encoding".getBytes(StandardCharsets.ISO_8859_1);

    /** The first {@code Content-Type} and {@code Content-Encoding} fields of {@code head}, names in any case. */
    static ResponseHead of(byte[] head) {
        Optional<String> type = Optional.empty();
        Optional<String> encoding = Optional.empty();
        int lineStart = 0;
        while (lineStart < head.length && (type.isEmpty() || encoding.isEmpty())) {
            int lineEnd = lineStart;
            int colon = -1;
            while (lineEnd < head.length && head[lineEnd] != '\n') {
                if (colon < 0 && head[lineEnd] == ':') {
                    colon = lineEnd;
                }
                lineEnd++;
            }
            if (colon > lineStart) {
                if (type.isEmpty() && isName(head, lineStart, colon, CONTENT_TYPE)) {
                    type = Optional.of(mediaType(head, colon, lineEnd));
                } else if (encoding.isEmpty() && isName(head, lineStart, colon, CONTENT_ENCODING)) {
                    encoding = Optional.of(value(head, colon, lineEnd));
                }
            }
            lineStart = lineEnd + 1;
        }
        return new ResponseHead(WireExchange.statusOf(head), type, encoding);
    }


    /**
     * Whether the body is compressed already ({@code Content-Encoding} other than identity, or a media type that
     * is compressed in itself), so that deflating it again would cost CPU and save nothing.
     */
    boolean compressed() {
        if (encoding.isPresent() && !encoding.get().isEmpty() && !encoding.get().equalsIgnoreCase("identity")) {
            return true;
        }
        return mediaType.filter(type -> COMPRESSED_TYPES.contains(type) || type.startsWith("video/")
                || type.startsWith("audio/")).isPresent();
    }

    /** Whether {@code head[from, to)}, blanks around it ignored, is {@code name} (lower case) in any case. */
    private static boolean isName(byte[] head, int from, int to, byte[] name) {
        while (from < to && isBlank(head[from])) {
            from++;
        }
        while (to > from && isBlank(head[to - 1])) {
            to--;
        }
        if (to - from != name.length) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            int c = head[from + i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != name[i]) {
                return false;
            }
        }
        return true;
    }

    /** What {@link String#strip()} strips from a Latin-1 string, which the field names were read with before. */
    private static boolean isBlank(byte b) {
        return b == ' ' || (b >= '\t' && b <= '\r') || (b >= 0x1C && b <= 0x1F);
    }

    /** The field's value after {@code colon} up to {@code lineEnd}, stripped. */
    private static String value(byte[] head, int colon, int lineEnd) {
        return new String(head, colon + 1, lineEnd - colon - 1, StandardCharsets.ISO_8859_1).strip();
    }

    /**
     * The field's value after {@code colon} up to {@code lineEnd}, up to its first {@code ;}, stripped, in lower
     * case: one string, where stripping the value, cutting it and stripping and lowering the cut made four.
     */
    private static String mediaType(byte[] head, int colon, int lineEnd) {
        int from = colon + 1;
        int to = from;
        while (to < lineEnd && head[to] != ';') {
            to++;
        }
        while (from < to && isBlank(head[from])) {
            from++;
        }
        while (to > from && isBlank(head[to - 1])) {
            to--;
        }
        return new String(head, from, to - from, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    }
}
