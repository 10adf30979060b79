package dev.trawl.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.trawl.config.ConfigLoader;
import dev.trawl.config.ConfigOverride;
import dev.trawl.config.CrawlConfig;
import dev.trawl.config.FieldRule;
import dev.trawl.fetch.FailureKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same records written to JSONL, CSV and SQLite at once read back equal, however awkward their text. */
class OutputsRoundTripTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> AWKWARD = List.of(
            "plain", "comma, inside", "\"quoted\" and \"\"doubled\"\"", "line\nbreak and\r\nCRLF", "中文标题：测试",
            "emoji 🐟🎣 and ZWJ 👩‍💻", "=HYPERLINK(\"http://evil\")", "+1+2", "-3", "@SUM(A1)", "'=already", "\ttab",
            "  spaces  ", "back\\slash \\\" and \\u0041", "control\u0001char", "");

    @TempDir
    Path dir;

    private CrawlConfig config(String... outs) {
        return ConfigLoader.load(Optional.empty(), List.of(
                new ConfigOverride("output.out", List.of(outs), "--out"),
                new ConfigOverride("extract.fields", List.of("one=h1", "many[]=li"), "--field")));
    }

    private static List<CrawlRecord> records() {
        List<CrawlRecord> records = new ArrayList<>();
        for (int i = 0; i < AWKWARD.size(); i++) {
            String text = AWKWARD.get(i);
            Map<String, FieldValue> fields = new LinkedHashMap<>();
            fields.put("one", new FieldValue.One(Optional.of(text)));
            fields.put("many", new FieldValue.Many(List.of(text, "second, " + text)));
            records.add(CrawlRecord.builder("http://a.test/p/" + i, i % 3)
                    .finalUrl("http://a.test/p/" + i)
                    .status(OptionalInt.of(200))
                    .contentType(Optional.of("text/html"))
                    .fetchedAt(Instant.parse("2026-11-26T10:00:00Z").plusMillis(i))
                    .elapsedMillis(10 + i)
                    .bytes(1000 + i)
                    .title(Optional.of(text))
                    .description(Optional.of("d " + text))
                    .charset(Optional.of("UTF-8"))
                    .outlinks(2)
                    .attempts(1)
                    .links(List.of("http://a.test/p/" + (i + 1), "http://b.test/x?q=" + i + "&t=" + text))
                    .fields(fields)
                    .build());
        }
        Map<String, FieldValue> none = new LinkedHashMap<>();
        none.put("one", FieldValue.NONE);
        none.put("many", FieldValue.EMPTY);
        records.add(CrawlRecord.builder("http://a.test/gone", 1).fetchedAt(Instant.parse("2026-11-26T10:01:00Z"))
                .attempts(3).error(FailureKind.TIMEOUT, "read timed out after 2s").fields(none).build());
        return records;
    }

    private List<JsonNode> writeAll(CrawlConfig config) throws IOException {
        try (Outputs outputs = Outputs.open(config.output(), config.extract().fields(), Map.of())) {
            records().forEach(outputs::write);
        }
        List<JsonNode> jsonl = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("out.jsonl"))) {
            jsonl.add(JSON.readTree(line));
        }
        return jsonl;
    }

    @Test
    void csvParsedBackEqualsTheJsonlRecords() throws IOException {
        CrawlConfig config = config(dir.resolve("out.jsonl").toString(), dir.resolve("out.csv").toString());
        List<JsonNode> jsonl = writeAll(config);

        CsvMapper csv = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = csv.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(dir.resolve("out.csv").toFile())) {
            it.forEachRemaining(rows::add);
        }
        String raw = Files.readString(dir.resolve("out.csv"), StandardCharsets.UTF_8);
        assertThat(raw).startsWith("url,final_url,status,title,").contains("\r\n").contains("'=HYPERLINK", "'+1+2", "'-3",
                "'@SUM", "''=already");
        // an empty cell is empty, not "": the gone page has no status, title or content type
        assertThat(raw).contains("\r\nhttp://a.test/gone,http://a.test/gone,,,,1,");

        assertThat(rows).hasSameSizeAs(jsonl);
        for (int i = 0; i < jsonl.size(); i++) {
            assertThat(unguarded(rows.get(i))).as("row " + i).isEqualTo(asCells(jsonl.get(i)));
        }
        assertThat(rows.getFirst().keySet()).endsWith("one", "many");
    }

    @Test
    void sqliteRowsEqualTheJsonlRecords() throws Exception {
        CrawlConfig config = config(dir.resolve("out.jsonl").toString(), dir.resolve("out.sqlite").toString());
        List<JsonNode> jsonl = writeAll(config);

        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("out.sqlite"));
                Statement s = db.createStatement()) {
            try (ResultSet mode = s.executeQuery("PRAGMA journal_mode")) {
                assertThat(mode.getString(1)).isEqualTo("wal");
            }
            try (ResultSet size = s.executeQuery("PRAGMA page_size")) {
                assertThat(size.getInt(1)).isEqualTo(65536);
            }
            Map<String, Map<String, String>> pages = new LinkedHashMap<>();
            Map<Long, String> urlById = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT * FROM pages ORDER BY id")) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    Map<String, String> row = new LinkedHashMap<>();
                    for (int c = 2; c <= meta.getColumnCount(); c++) {
                        String name = meta.getColumnName(c);
                        String value = rs.getString(c);
                        if (value != null && (name.equals("noindex") || name.equals("nofollow"))) {
                            value = value.equals("1") ? "true" : "false";
                        }
                        row.put(name, value == null ? "" : value);
                    }
                    pages.put(row.get("url"), row);
                    urlById.put(rs.getLong("id"), row.get("url"));
                }
            }
            assertThat(pages).hasSameSizeAs(jsonl);
            for (JsonNode record : jsonl) {
                Map<String, String> expected = asCells(record);
                expected.remove("one");
                expected.remove("many");
                assertThat(pages.get(record.get("url").asText())).isEqualTo(expected);
            }
            Map<String, List<String>> fields = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT page_id, name, value FROM fields ORDER BY page_id, name, position")) {
                while (rs.next()) {
                    fields.computeIfAbsent(urlById.get(rs.getLong(1)) + " " + rs.getString(2), k -> new ArrayList<>())
                            .add(rs.getString(3));
                }
            }
            for (JsonNode record : jsonl) {
                String url = record.get("url").asText();
                JsonNode one = record.get("fields").get("one");
                assertThat(fields.get(url + " one")).containsExactly(one.isNull() ? null : one.asText());
                List<String> many = new ArrayList<>();
                record.get("fields").get("many").forEach(v -> many.add(v.asText()));
                assertThat(fields.getOrDefault(url + " many", List.of())).isEqualTo(many);
            }
            // every page's links, in order, each character as written (the links go in as one JSON array a page)
            Map<String, List<String>> links = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery(
                    "SELECT p.url, l.url FROM links l JOIN pages p ON p.id = l.page_id ORDER BY l.page_id, l.position")) {
                while (rs.next()) {
                    links.computeIfAbsent(rs.getString(1), url -> new ArrayList<>()).add(rs.getString(2));
                }
            }
            Map<String, List<String>> expectedLinks = new LinkedHashMap<>();
            records().stream().filter(r -> !r.links().isEmpty()).forEach(r -> expectedLinks.put(r.url(), r.links()));
            assertThat(links).containsExactlyEntriesOf(expectedLinks);
            assertThat(links.get("http://a.test/p/13")).containsExactly("http://a.test/p/14",
                    "http://b.test/x?q=13&t=back\\slash \\\" and \\u0041");
        }
    }

    @Test
    void jsonlCarriesTheFieldsOnlyWhenRulesExist() throws IOException {
        List<JsonNode> jsonl = writeAll(config(dir.resolve("out.jsonl").toString()));
        assertThat(jsonl.getFirst().get("fields").toString()).isEqualTo(
                "{\"one\":\"plain\",\"many\":[\"plain\",\"second, plain\"]}");
        assertThat(jsonl.getLast().get("fields").toString()).isEqualTo("{\"one\":null,\"many\":[]}");

        CrawlConfig plain = ConfigLoader.load(Optional.empty(),
                List.of(new ConfigOverride("output.out", List.of(dir.resolve("plain.jsonl").toString()), "--out")));
        try (Outputs outputs = Outputs.open(plain.output(), List.of(), Map.of())) {
            outputs.write(CrawlRecord.builder("http://a.test/", 0).fetchedAt(Instant.EPOCH).build());
        }
        assertThat(JSON.readTree(Files.readString(dir.resolve("plain.jsonl"))).has("fields")).isFalse();
    }

    @Test
    void anExistingOutputIsRefusedUnlessOverwriteIsGiven() throws IOException {
        Path csv = Files.writeString(dir.resolve("out.csv"), "keep me");
        CrawlConfig config = config(dir.resolve("new.jsonl").toString(), csv.toString());

        assertThatThrownBy(() -> Outputs.open(config.output(), List.of(), Map.of()))
                .isInstanceOf(OutputExistsException.class)
                .hasMessage(csv + " exists; not replacing it (give --overwrite to replace it, or another --out)");
        assertThat(Files.readString(csv)).isEqualTo("keep me");
        assertThat(dir.resolve("new.jsonl")).doesNotExist();

        CrawlConfig.Output overwrite = new CrawlConfig.Output(config.output().outs(), config.output().progress(), true,
                true, config.output().warcMaxSize());
        Outputs.open(overwrite, List.of(), Map.of()).close();
        assertThat(Files.readString(csv)).startsWith("url,");
    }

    /** A .warc's first file is refused as a .warc.gz's is, and --overwrite begins it again (records as they are). */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {".warc.gz", ".warc"})
    void anExistingWarcFileIsRefusedUnlessOverwriteIsGiven(String extension) throws IOException {
        Path first = Files.writeString(dir.resolve("w-00000" + extension), "keep me");
        CrawlConfig config = config(dir.resolve("w" + extension).toString());

        assertThatThrownBy(() -> Outputs.open(config.output(), List.of(), Map.of()))
                .isInstanceOf(OutputExistsException.class)
                .hasMessageStartingWith(first + " exists; not replacing it");
        assertThat(Files.readString(first)).isEqualTo("keep me");

        CrawlConfig.Output overwrite = new CrawlConfig.Output(config.output().outs(), config.output().progress(), true,
                true, config.output().warcMaxSize());
        try (Outputs outputs = Outputs.open(overwrite, List.of(), Map.of())) {
            outputs.write(CrawlRecord.builder("http://a.test/", 0).fetchedAt(Instant.EPOCH).build());
        }
        byte[] bytes = Files.readAllBytes(first);
        if (extension.equals(".warc")) {
            assertThat(new String(bytes, 0, 8, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("WARC/1.1");
        } else {
            assertThat(bytes[0] & 0xff).isEqualTo(0x1f);
        }
        try (org.netpreserve.jwarc.WarcReader reader = new org.netpreserve.jwarc.WarcReader(first)) {
            assertThat(reader.records().map(org.netpreserve.jwarc.WarcRecord::type)).containsExactly("warcinfo",
                    "metadata");
        }
    }

    @Test
    void theWarcsMetadataRecordsHoldTheJsonlLinesByteForByte() throws IOException {
        CrawlConfig config = config(dir.resolve("out.jsonl").toString(), dir.resolve("out.warc.gz").toString());
        writeAll(config);

        List<String> lines = Files.readAllLines(dir.resolve("out.jsonl"), StandardCharsets.UTF_8);
        List<String> blocks = new ArrayList<>();
        try (org.netpreserve.jwarc.WarcReader reader = new org.netpreserve.jwarc.WarcReader(
                dir.resolve("out-00000.warc.gz"))) {
            for (org.netpreserve.jwarc.WarcRecord record : reader) {
                if (record instanceof org.netpreserve.jwarc.WarcMetadata metadata) {
                    assertThat(metadata.contentType().toString()).isEqualTo(WarcFileWriter.RECORD_TYPE);
                    blocks.add(new String(metadata.body().stream().readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        assertThat(blocks).hasSize(records().size()).isEqualTo(lines);
    }

    @Test
    void aRecordsJsonIsMadeOnceThenKeptAsTheSameBytes() {
        RecordJson record = new RecordJson(records().getFirst());
        assertThat(record.json()).isSameAs(record.json())
                .isEqualTo(RecordCodec.bytes(records().getFirst()));
    }

    /** A CSV row with the formula guard taken off, as a reader of trawl's CSV does. */
    private static Map<String, String> unguarded(Map<String, String> row) {
        Map<String, String> out = new LinkedHashMap<>();
        row.forEach((k, v) -> out.put(k, CsvWriter.unguard(v)));
        return out;
    }

    /** A JSONL record as CSV cells: null empty, lists as JSON arrays, fields flattened into their own columns. */
    private static Map<String, String> asCells(JsonNode record) {
        Map<String, String> out = new LinkedHashMap<>();
        record.properties().forEach(e -> {
            if (e.getKey().equals("fields")) {
                e.getValue().properties().forEach(f -> out.put(f.getKey(), cell(f.getValue())));
            } else {
                out.put(e.getKey(), cell(e.getValue()));
            }
        });
        return out;
    }

    private static String cell(JsonNode value) {
        return value.isNull() ? "" : value.isArray() ? value.toString() : value.asText();
    }

    @SuppressWarnings("unused")
    private static List<FieldRule> rules(CrawlConfig config) {
        return config.extract().fields();
    }
}
