package dev.trawl.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CSV as RFC 4180 says (Jackson's CSV module): UTF-8, CRLF line ends, a header row, fields quoted when
 * they hold a comma, quote or line break. Columns: the record's ({@link RecordColumns}), then one per
 * extraction field, named after it. An empty cell is null; a list is one cell holding a JSON array
 * ({@code ["a","b"]}); booleans are {@code true}/{@code false}.
 *
 * <p>Formula guard (on by default): a text cell starting with {@code = + - @}, a tab or a carriage return
 * — or with {@code '} followed by one of them — gets a leading {@code '}, so a spreadsheet shows it as
 * text instead of running it. {@link #unguard} undoes it. Not thread-safe (see {@link BackgroundSink}).
 */
final class CsvWriter implements RecordWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final OutputStream out;
    private final TextTarget target;
    /**
     * Cells go straight to the generator, one row an array of strings: through an {@code ObjectWriter}'s
     * {@code SequenceWriter}, as before, each row was a {@code List} serialized by Jackson's databind, a serializer
     * looked up and called per cell, for the same text. Rows reach the file when the generator's buffer fills and at
     * {@link #idle}, {@link #position} (which a job's commit calls first) and {@link #close}, as JSONL's do; the
     * {@code SequenceWriter} flushed after every row.
     */
    private final CsvGenerator rows;
    private final List<String> fieldNames;
    private final boolean formulaGuard;

    CsvWriter(String name, OutputStream out, List<String> fieldNames, boolean formulaGuard) throws IOException {
        this(name, out, Optional.empty(), true, fieldNames, formulaGuard);
    }

    /**
     * A writer to a file whose length {@link #position} reports and {@link #force} syncs; {@code header}
     * false to go on with a file that has its header row already (a resumed job).
     */
    CsvWriter(String name, OutputStream out, Optional<FileChannel> file, boolean header, List<String> fieldNames,
            boolean formulaGuard) throws IOException {
        this.name = name;
        this.out = out;
        this.target = new TextTarget(name, out, file);
        this.fieldNames = List.copyOf(fieldNames);
        this.formulaGuard = formulaGuard;
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(header).setLineSeparator("\r\n");
        RecordColumns.ALL.forEach(column -> schema.addColumn(column.name()));
        fieldNames.forEach(schema::addColumn);
        this.rows = new CsvMapper().getFactory().createGenerator(out);
        rows.setSchema(schema.build());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void write(RecordJson json) throws IOException {
        CrawlRecord record = json.record();
        rows.writeStartArray();
        for (RecordColumns.Column column : RecordColumns.ALL) {
            Optional<Object> value = column.value().apply(record);
            cell(value.isEmpty() ? null
                    : column.type() == RecordColumns.Type.TEXT ? guard((String) value.get()) : value.get().toString());
        }
        Map<String, FieldValue> fields = record.fields();
        for (String field : fieldNames) {
            cell(switch (fields.getOrDefault(field, FieldValue.NONE)) {
                case FieldValue.One one -> one.value().map(this::guard).orElse(null);
                case FieldValue.Many many -> guard(json(many.values()));
            });
        }
        rows.writeEndArray();
    }

    /**
     * One cell: null is an empty one. Written as an empty string, not by {@code writeNull}: before Jackson 2.21 a
     * null inside a row written at the root was dropped, shifting the row's later cells one column left
     * (jackson-dataformats-text#10), and an empty string is the same bytes without that dependency.
     */
    private void cell(String text) throws IOException {
        rows.writeString(text == null ? "" : text);
    }

    private static String json(List<String> values) throws JsonProcessingException {
        return JSON.writeValueAsString(values);
    }

    private String guard(String cell) {
        return formulaGuard && needsGuard(cell) ? "'" + cell : cell;
    }

    private static boolean needsGuard(String cell) {
        if (cell.isEmpty()) {
            return false;
        }
        char first = cell.charAt(0);
        return isTrigger(first) || first == '\'' && cell.length() > 1 && isTrigger(cell.charAt(1));
    }

    private static boolean isTrigger(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    /** A guarded cell as it was before the guard: what a reader of trawl's CSV does to get the value back. */
    static String unguard(String cell) {
        return cell.length() > 1 && cell.charAt(0) == '\'' && needsGuard(cell.substring(1)) ? cell.substring(1) : cell;
    }

    @Override
    public void idle(long nanoTime) throws IOException {
        rows.flush();
    }

    @Override
    public long position() throws IOException {
        rows.flush();
        return target.position();
    }

    @Override
    public void force() throws IOException {
        target.force();
    }

    @Override
    public void close() throws IOException {
        try {
            rows.close();
        } finally {
            out.close();
        }
    }
}
