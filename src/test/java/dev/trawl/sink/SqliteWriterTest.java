package dev.trawl.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite output's tables: a page's links as one array behind the links view, the README's queries, and jobs' databases made before. */
class SqliteWriterTest {
    @TempDir
    Path dir;

    private static CrawlRecord page(String url, List<String> links) {
        return CrawlRecord.builder(url, 0).status(OptionalInt.of(200)).fetchedAt(Instant.EPOCH).links(links).build();
    }

    private static List<String> rows(Connection db, String query) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    @Test
    void aPagesLinksAreOneJsonArrayReadAsRowsThroughTheLinksView() throws Exception {
        Path file = dir.resolve("out.sqlite");
        try (SqliteWriter writer = SqliteWriter.create(file)) {
            writer.write(page("http://a.test/", List.of("http://a.test/z", "http://a.test/a", "http://a.test/z")));
            writer.write(page("http://a.test/2", List.of()));
            writer.write(page("http://a.test/3", List.of("http://a.test/\"q\" ,中文")));
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            // a link that appears twice is two rows, each at its place
            assertThat(rows(db, "SELECT position || ' ' || url FROM links WHERE page_id = 1 ORDER BY position"))
                    .containsExactly("0 http://a.test/z", "1 http://a.test/a", "2 http://a.test/z");
            assertThat(rows(db, "SELECT page_id || ' ' || position || ' ' || url FROM links ORDER BY page_id, position"))
                    .containsExactly("1 0 http://a.test/z", "1 1 http://a.test/a", "1 2 http://a.test/z",
                            "3 0 http://a.test/\"q\" ,中文");
            assertThat(rows(db, "SELECT page_id || ' ' || urls FROM page_links ORDER BY page_id")).containsExactly(
                    "1 [\"http://a.test/z\",\"http://a.test/a\",\"http://a.test/z\"]", "3 [\"http://a.test/\\\"q\\\" ,中文\"]");
            assertThat(rows(db, "SELECT type FROM sqlite_master WHERE name = 'links'")).containsExactly("view");
            // bound as UTF-8 bytes, held as text (a BLOB would read as JSONB, and not as the page's text)
            assertThat(rows(db, "SELECT DISTINCT typeof(urls) FROM page_links")).containsExactly("text");
            assertThat(rows(db, "SELECT DISTINCT typeof(url) FROM links")).containsExactly("text");
            assertThat(rows(db, "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))
                    .containsExactly("fields_name");
        }
    }

    @Test
    void linksThatNeedEscapingReadBackAsTheyWere() throws Exception {
        List<String> links = List.of("http://a.test/plain?q=1&r=2#f", "http://a.test/\"quoted\"", "http://a.test/back\\slash",
                "http://a.test/line\nbreak\ttab\u0000nul\u007fdel", "http://a.test/é/中文/🐟", "http://a.test/~!*'();:@&=+$,/?%#[]");
        Path file = dir.resolve("escaped.sqlite");
        try (SqliteWriter writer = SqliteWriter.create(file)) {
            writer.write(page("http://a.test/", links));
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertThat(rows(db, "SELECT url FROM links ORDER BY position")).isEqualTo(links);
            // valid JSON holding the list (a character beyond the BMP as a \\u escape pair, as Jackson writes UTF-8)
            assertThat(rows(db, "SELECT json_valid(urls) FROM page_links")).containsExactly("1");
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                    rows(db, "SELECT urls FROM page_links").getFirst(), List.class)).isEqualTo(links);
            // the text Jackson writes for the list, byte for byte, whether a link was copied in or escaped
            assertThat(rows(db, "SELECT urls FROM page_links")).containsExactly(new String(
                    new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(links), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aPageOfManyLongLinksIsOneArray() throws Exception {
        List<String> links = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) { // 2,000 links of ~40 bytes: past the kept 16 KiB buffer
            links.add(switch (i % 3) { // copied in, escaped for a non-ASCII char, escaped for a quote
                case 0 -> "http://a.test/page/" + i;
                case 1 -> "http://a.test/caf\u00e9/" + i;
                default -> "http://a.test/q?x=\"" + i + "\"";
            });
        }
        Path file = dir.resolve("many.sqlite");
        try (SqliteWriter writer = SqliteWriter.create(file)) {
            writer.write(page("http://a.test/", links));
            writer.write(page("http://a.test/2", links.subList(0, 3)));
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertThat(rows(db, "SELECT url FROM links WHERE page_id = 1 ORDER BY position")).isEqualTo(links);
            assertThat(rows(db, "SELECT url FROM links WHERE page_id = 2 ORDER BY position")).isEqualTo(links.subList(0, 3));
        }
    }

    /** The README's three queries, as it prints them. */
    private static final String SLOWEST =
            "SELECT url, elapsed_ms, bytes FROM pages WHERE status = 200 ORDER BY elapsed_ms DESC LIMIT 10";
    private static final String BROKEN = """
            SELECT src.url AS page, dst.url AS broken, coalesce(dst.status, dst.error) AS why
              FROM links l JOIN pages src ON src.id = l.page_id JOIN pages dst ON dst.url = l.url
             WHERE dst.status >= 400 OR dst.error IS NOT NULL""";
    private static final String PRICES = """
            SELECT p.url, f.value AS price FROM fields f JOIN pages p ON p.id = f.page_id
             WHERE f.name = 'price' AND f.value IS NOT NULL ORDER BY p.url""";

    @Test
    void theReadmesThreeQueriesAnswer() throws Exception {
        Path file = dir.resolve("site.sqlite");
        try (SqliteWriter writer = SqliteWriter.create(file)) {
            writer.write(CrawlRecord.builder("http://a.test/", 0).status(OptionalInt.of(200)).fetchedAt(Instant.EPOCH)
                    .elapsedMillis(30).bytes(1000).links(List.of("http://a.test/gone", "http://a.test/cheap",
                            "http://a.test/down")).fields(java.util.Map.of("price", FieldValue.NONE)).build());
            writer.write(CrawlRecord.builder("http://a.test/cheap", 1).status(OptionalInt.of(200))
                    .fetchedAt(Instant.EPOCH).elapsedMillis(70).bytes(500).links(List.of("http://a.test/gone"))
                    .fields(java.util.Map.of("price", new FieldValue.One(Optional.of("9.99")))).build());
            writer.write(CrawlRecord.builder("http://a.test/gone", 1).status(OptionalInt.of(404))
                    .fetchedAt(Instant.EPOCH).build());
            writer.write(CrawlRecord.builder("http://a.test/down", 1).fetchedAt(Instant.EPOCH)
                    .error(dev.trawl.fetch.FailureKind.TIMEOUT, "read timed out").build());
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertThat(table(db, SLOWEST)).containsExactly("http://a.test/cheap|70|500", "http://a.test/|30|1000");
            assertThat(table(db, BROKEN)).containsExactlyInAnyOrder("http://a.test/|http://a.test/gone|404",
                    "http://a.test/|http://a.test/down|timeout", "http://a.test/cheap|http://a.test/gone|404");
            assertThat(table(db, PRICES)).containsExactly("http://a.test/cheap|9.99");
            assertThat(table(db, "SELECT DISTINCT typeof(value) FROM fields")).containsExactlyInAnyOrder("text", "null");
        }
    }

    /** Each row's columns joined by {@code |}. */
    private static List<String> table(Connection db, String query) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(query)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(String.join("|", row));
            }
        }
        return rows;
    }

    /**
     * A job's database of one page (http://a.test/, linking to http://a.test/x) whose links an earlier release kept
     * in a table: this release's view and array dropped, then {@code statements} run.
     */
    private Path jobDatabaseWithLinksTable(String... statements) throws Exception {
        Path file = dir.resolve("job.sqlite");
        try (SqliteWriter writer = SqliteWriter.create(file)) {
            writer.write(page("http://a.test/", List.of("http://a.test/x")));
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = db.createStatement()) {
            s.execute("DROP VIEW links");
            s.execute("DROP TABLE page_links");
            for (String statement : statements) {
                s.execute(statement);
            }
        }
        return file;
    }

    @Test
    void aJobsDatabaseWithALinksTableOfPositionedRowsGoesOnWritingRows() throws Exception {
        // the links table as the fifth session's release made it: a row a link, keyed by page and position
        Path file = jobDatabaseWithLinksTable("CREATE TABLE links(page_id INTEGER NOT NULL REFERENCES pages(id), "
                + "position INTEGER NOT NULL, url TEXT NOT NULL, PRIMARY KEY (page_id, position)) WITHOUT ROWID",
                "INSERT INTO links(page_id, position, url) VALUES (1, 0, 'http://a.test/x')");

        try (SqliteWriter writer = SqliteWriter.resume(file)) {
            writer.write(page("http://a.test/next", List.of("http://a.test/b", "http://a.test/a")));
            writer.write(page("http://a.test/", List.of("http://a.test/y"))); // crawled again: its rows replaced
        }

        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertThat(rows(db, "SELECT p.url || ' ' || l.position || ' ' || l.url FROM links l "
                    + "JOIN pages p ON p.id = l.page_id ORDER BY l.page_id, l.position")).containsExactly(
                            "http://a.test/next 0 http://a.test/b", "http://a.test/next 1 http://a.test/a",
                            "http://a.test/ 0 http://a.test/y");
            assertThat(rows(db, "SELECT type || ' ' || name FROM sqlite_master WHERE name LIKE '%links'"))
                    .containsExactly("table links");
        }
    }

    @Test
    void aResumedJobsDatabaseOfTheNewLayoutReplacesAPagesArray() throws Exception {
        Path file = dir.resolve("job.sqlite");
        try (SqliteWriter writer = SqliteWriter.create(file)) {
            writer.write(page("http://a.test/", List.of("http://a.test/x", "http://a.test/old")));
        }
        try (SqliteWriter writer = SqliteWriter.resume(file)) {
            writer.write(page("http://a.test/", List.of("http://a.test/y"))); // crawled again: its links replaced
            writer.write(page("http://a.test/next", List.of("http://a.test/b")));
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertThat(rows(db, "SELECT p.url || ' ' || l.url FROM links l JOIN pages p ON p.id = l.page_id"
                    + " ORDER BY p.url")).containsExactly("http://a.test/ http://a.test/y",
                            "http://a.test/next http://a.test/b");
            assertThat(rows(db, "SELECT COUNT(*) FROM page_links")).containsExactly("2");
        }
    }

    @Test
    void aJobsDatabaseMadeBeforeLinksHadPositionsGoesOnAsItIs() throws Exception {
        // the links table as the first releases made it: rowid, no position, an index on page_id
        Path file = jobDatabaseWithLinksTable(
                "CREATE TABLE links(page_id INTEGER NOT NULL REFERENCES pages(id), url TEXT NOT NULL)",
                "CREATE INDEX links_page_id ON links(page_id)", "INSERT INTO links(page_id, url) VALUES (1, 'http://a.test/x')");

        try (SqliteWriter writer = SqliteWriter.resume(file)) {
            writer.write(page("http://a.test/next", List.of("http://a.test/b", "http://a.test/a")));
            writer.write(page("http://a.test/", List.of("http://a.test/y"))); // crawled again: its rows replaced
        }

        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertThat(rows(db, "SELECT p.url || ' ' || l.url FROM links l JOIN pages p ON p.id = l.page_id"
                    + " ORDER BY l.rowid")).containsExactly("http://a.test/next http://a.test/b",
                            "http://a.test/next http://a.test/a", "http://a.test/ http://a.test/y");
        }
    }
}
