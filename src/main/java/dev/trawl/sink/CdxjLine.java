package dev.trawl.sink;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One line of the WARC writer's CDXJ index ({@code SURT TIMESTAMP {"url":"…",…}} and a line end), made straight
 * into UTF-8 bytes: each value as it is when it is plain ASCII needing no JSON escape (a crawl's URLs, media
 * types and numbers, nearly always), else quoted by Jackson's {@link JsonStringEncoder} and encoded. The same
 * bytes as quoting every value with Jackson into a {@code StringBuilder} and writing its text through a UTF-8
 * {@code Writer} (what the writer did before: a fifth of its Java, in copies between chars and bytes). Field
 * values are JSON strings, numbers too, as pywb writes them. Not thread-safe: one per writer.
 */
final class CdxjLine {
    private static final JsonStringEncoder JSON_STRINGS = JsonStringEncoder.getInstance();

    /** The fields of a line, pywb's names, each with its bytes before the value: {@code ,"name":"}. */
    enum Field {
        URL("url"), MIME("mime"), STATUS("status"), DIGEST("digest"), LENGTH("length"), OFFSET("offset"),
        FILENAME("filename");

        private final byte[] opening;

        Field(String name) {
            opening = (",\"" + name + "\":\"").getBytes(StandardCharsets.US_ASCII);
        }
    }

    private final ByteText text = new ByteText(512);
    private boolean firstField;

    /** Starts a line: the URL's SURT and the timestamp, then the JSON object's opening brace. */
    void begin(String surt, String timestamp) {
        text.clear();
        plain(surt);
        text.append(' ');
        plain(timestamp);
        text.append(' ').append('{');
        firstField = true;
    }

    /** A string field. */
    void field(Field name, String value) {
        name(name);
        quoted(value);
        text.append('"');
    }

    /** A number field, written as a JSON string. */
    void field(Field name, long value) {
        name(name);
        text.append(value).append('"');
    }

    /** A string field whose value is {@code prefix} then {@code value}, both ASCII needing no escape. */
    void field(Field name, byte[] prefix, byte[] value) {
        name(name);
        text.append(prefix).append(value).append('"');
    }

    /**
     * Ends the line with its last field, {@code last} ({@link #lastField}: made once for a file's lines), and the
     * line end.
     */
    void end(byte[] last) {
        text.append(',').append(last);
    }

    /** Appends the line to {@code out}. */
    void writeTo(OutputStream out) throws IOException {
        text.writeTo(out);
    }

    /** A line's last field, {@code "name":"value"}, the object's closing brace and the line end. */
    static byte[] lastField(Field name, String value) {
        CdxjLine line = new CdxjLine();
        line.firstField = true;
        line.field(name, value);
        line.text.append('}').append('\n');
        return line.text.toByteArray();
    }

    /** A field's name, quoted, and the opening quote of its value; a comma before it if it is not the first. */
    private void name(Field name) {
        byte[] opening = name.opening;
        if (firstField) {
            text.append(opening, 1);
        } else {
            text.append(opening);
        }
        firstField = false;
    }

    /** {@code value} JSON-quoted (without the quotes), in UTF-8. */
    private void quoted(String value) {
        if (PlainJson.isPlain(value)) {
            text.append(value.getBytes(StandardCharsets.ISO_8859_1));
        } else {
            text.append(new String(JSON_STRINGS.quoteAsString(value)).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** {@code value} as it is, in UTF-8. */
    private void plain(String value) {
        text.append(value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sorts the lines of the index file {@code index}, through a file beside it renamed over it (a crash leaves the
     * whole index, sorted or not). The order is {@link String#compareTo}'s on the lines' text, as the writer sorted
     * them before; they are compared as UTF-8 bytes, which give the same order save between a character past
     * U+FFFF and one from U+E000 to U+FFFF (there the two lines are compared decoded). Reading the lines as strings,
     * sorting those and encoding them again cost ~5 us a line (~100 ms at the end of a 20,000-page crawl). Each line
     * ends with a line feed, the last one too.
     */
    static void sort(Path index) throws IOException {
        byte[] bytes = Files.readAllBytes(index);
        List<Span> lines = new ArrayList<>(bytes.length / 200 + 1);
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                lines.add(new Span(start, i));
                start = i + 1;
            }
        }
        if (start < bytes.length) {
            lines.add(new Span(start, bytes.length)); // a last line without its line feed
        }
        lines.sort((a, b) -> compare(bytes, a, b));
        Path sorted = index.resolveSibling(index.getFileName() + ".tmp");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(sorted), 1 << 16)) {
            for (Span line : lines) {
                out.write(bytes, line.from(), line.to() - line.from());
                out.write('\n');
            }
        }
        Files.move(sorted, index, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** One line's bytes, {@code [from, to)}, without its line feed. */
    private record Span(int from, int to) {}

    /** Two lines in {@link String#compareTo}'s order of their text (see {@link #sort}). */
    private static int compare(byte[] bytes, Span a, Span b) {
        int at = Arrays.mismatch(bytes, a.from(), a.to(), bytes, b.from(), b.to());
        if (at < 0) {
            return 0;
        }
        if (at == a.to() - a.from() || at == b.to() - b.from()) {
            return (a.to() - a.from()) - (b.to() - b.from()); // one is the start of the other
        }
        int x = bytes[a.from() + at] & 0xff;
        int y = bytes[b.from() + at] & 0xff;
        if (x >= 0xEE || y >= 0xEE) {
            // a character from U+E000 up, where UTF-16's order (surrogates below U+E000) and UTF-8's part
            return new String(bytes, a.from(), a.to() - a.from(), StandardCharsets.UTF_8)
                    .compareTo(new String(bytes, b.from(), b.to() - b.from(), StandardCharsets.UTF_8));
        }
        return x - y;
    }
}
