package dev.trawl.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite output's tables: links keyed by page and position, and a job's database made before that. */
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
    void linksAreKeyedByPageAndPositionWithoutASecondIndex() throws Exception {
        Path file = dir.resolve("out.sqlite");
        try (SqliteWriter writer = SqliteWriter.create(file)) {
            writer.write(page("http://a.test/", List.of("http://a.test/z", "http://a.test/a", "http://a.test/z")));
            writer.write(page("http://a.test/2", List.of()));
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            // a link that appears twice is two rows, each at its place
            assertThat(rows(db, "SELECT position || ' ' || url FROM links WHERE page_id = 1 ORDER BY position"))
                    .containsExactly("0 http://a.test/z", "1 http://a.test/a", "2 http://a.test/z");
            assertThat(rows(db, "SELECT sql FROM sqlite_master WHERE name = 'links'"))
                    .singleElement().asString().contains("PRIMARY KEY (page_id, position)").endsWith("WITHOUT ROWID");
            assertThat(rows(db, "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))
                    .containsExactly("fields_name");
        }
    }

    @Test
    void aJobsDatabaseMadeBeforeLinksHadPositionsGoesOnAsItIs() throws Exception {
        Path file = dir.resolve("job.sqlite");
        try (SqliteWriter writer = SqliteWriter.create(file)) {
            writer.write(page("http://a.test/", List.of("http://a.test/x")));
        }
        // the links table as the first releases made it: rowid, no position, an index on page_id
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = db.createStatement()) {
            s.execute("DROP TABLE links");
            s.execute("CREATE TABLE links(page_id INTEGER NOT NULL REFERENCES pages(id), url TEXT NOT NULL)");
            s.execute("CREATE INDEX links_page_id ON links(page_id)");
            s.execute("INSERT INTO links(page_id, url) VALUES (1, 'http://a.test/x')");
        }

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
