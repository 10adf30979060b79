package dev.trawl.sink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.sqlite.SQLiteConfig;

/**
 * SQLite through xerial's JDBC driver, in WAL mode:
 *
 * <pre>
 * pages(id INTEGER PRIMARY KEY, url TEXT UNIQUE, …every record column…)
 * links(page_id, position, url)          the page's normalized outlinks, position 0..n-1 in page order
 * fields(page_id, name, position, value) one row per value: position 0 for a single value (NULL when no
 *                                        match), 0..n-1 for a list (no rows for an empty list)
 * </pre>
 *
 * {@code links} and {@code fields} are {@code WITHOUT ROWID} tables keyed by their page and position: a page's
 * rows sit together in one B-tree, found by page without a second index, and a real site's ~190 links a page
 * go into one B-tree instead of a table and an index (about a fifth less CPU a row, measured with 4,000 pages
 * of 190 links each).
 *
 * A page's links, and its fields, go in with one statement each: the values as one JSON array that
 * SQLite's {@code json_each} turns into rows, in order. Bound and stepped row by row through JDBC, the links
 * (about ninety a page on a real site) were most of this writer's CPU, the driver's per-row binding and
 * native calls more than SQLite's own work.
 *
 * <p>Rows are written in batched transactions — committed every {@value #BATCH} pages or once the open one
 * is a second old, and on close — so a stopped crawl leaves every committed page and a consistent file.
 * Booleans are 0/1. A job's database ({@link #resume}) is written idempotently: a page whose URL is there
 * already replaces that row, its links and its fields, so a URL recorded before a kill and crawled again
 * after the resume is held once. Not thread-safe (see {@link BackgroundSink}).
 */
final class SqliteWriter implements RecordWriter {
    static final int BATCH = 1000;
    private static final long MAX_TRANSACTION_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final String name;
    private final Path file;
    private final Connection db;
    private final PreparedStatement page;
    private final PreparedStatement link;
    private final PreparedStatement field;
    /** In a resumed job's database: the statements that find and remove a URL's earlier rows. */
    private final Optional<Replace> replace;
    /** The JSON text of a page's links or fields, through one generator for the writer's life. */
    private final StringWriter jsonText = new StringWriter(16 * 1024);
    private final JsonGenerator json;
    private long lastId;
    private int pending;
    private long transactionStart;

    private record Replace(PreparedStatement find, List<PreparedStatement> delete) {}

    private SqliteWriter(Path file, Connection db, boolean resume) throws SQLException, IOException {
        this.name = file.toString();
        this.json = new JsonFactory().createGenerator(jsonText);
        json.setRootValueSeparator(null);
        this.file = file;
        this.db = db;
        String ifNew = resume ? "IF NOT EXISTS " : "";
        try (Statement s = db.createStatement()) {
            // 16 KiB pages, not 4: inserting a real site's links (~190 rows a page) took about a fifth less CPU,
            // fewer pages to split, log and checkpoint. Only a new database takes it, before WAL mode is set.
            s.execute("PRAGMA page_size=16384");
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=NORMAL");
            s.execute("CREATE TABLE " + ifNew + "pages(id INTEGER PRIMARY KEY, " + RecordColumns.ALL.stream()
                    .map(c -> c.name() + " " + (c.type() == RecordColumns.Type.TEXT ? "TEXT" : "INTEGER")
                            + (c.name().equals("url") ? " NOT NULL UNIQUE" : ""))
                    .collect(Collectors.joining(", ")) + ")");
            s.execute("CREATE TABLE " + ifNew + "links(page_id INTEGER NOT NULL REFERENCES pages(id), "
                    + "position INTEGER NOT NULL, url TEXT NOT NULL, PRIMARY KEY (page_id, position)) WITHOUT ROWID");
            s.execute("CREATE TABLE " + ifNew + "fields(page_id INTEGER NOT NULL REFERENCES pages(id), name TEXT NOT NULL, "
                    + "position INTEGER NOT NULL, value TEXT, PRIMARY KEY (page_id, name, position)) WITHOUT ROWID");
            s.execute("CREATE INDEX " + ifNew + "fields_name ON fields(name)");
        }
        // a job's database made before links had positions (a rowid table with an index on page_id) goes on as it is
        boolean positioned = columns(db, "links").contains("position");
        db.setAutoCommit(false);
        // ids are counted here, the only writer, rather than read back from the driver after each insert
        this.page = db.prepareStatement("INSERT INTO pages(" + RecordColumns.ALL.stream().map(RecordColumns.Column::name)
                .collect(Collectors.joining(", ")) + ", id) VALUES (" + "?, ".repeat(RecordColumns.ALL.size()) + "?)");
        this.link = db.prepareStatement(positioned
                ? "INSERT INTO links(page_id, position, url) SELECT ?1, key, value FROM json_each(?2)"
                : "INSERT INTO links(page_id, url) SELECT ?1, value FROM json_each(?2) ORDER BY key");
        // {name: [value, ...], ...}: a single value is a list of one (null when nothing matched)
        this.field = db.prepareStatement("INSERT INTO fields(page_id, name, position, value) "
                + "SELECT ?1, f.key, v.key, v.value FROM json_each(?2) AS f, json_each(f.value) AS v");
        if (resume) {
            try (Statement s = db.createStatement(); var max = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM pages")) {
                lastId = max.next() ? max.getLong(1) : 0;
            }
            this.replace = Optional.of(new Replace(db.prepareStatement("SELECT id FROM pages WHERE url = ?"),
                    List.of(db.prepareStatement("DELETE FROM links WHERE page_id = ?"),
                            db.prepareStatement("DELETE FROM fields WHERE page_id = ?"),
                            db.prepareStatement("DELETE FROM pages WHERE id = ?"))));
        } else {
            this.replace = Optional.empty();
        }
    }

    private static List<String> columns(Connection db, String table) throws SQLException {
        List<String> names = new java.util.ArrayList<>();
        try (Statement s = db.createStatement(); var info = s.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (info.next()) {
                names.add(info.getString("name"));
            }
        }
        return names;
    }

    /**
     * A connection that does not fetch generated keys: the driver otherwise prepares and runs
     * {@code SELECT last_insert_rowid()} after every insert (ids are counted here instead), which was a
     * fifth of this writer's CPU in a loopback crawl's profile.
     */
    private static Connection connect(Path path) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setGetGeneratedKeys(false);
        return config.createConnection("jdbc:sqlite:" + path);
    }

    /** Creates the database file {@code path} (which must not exist) with its tables. */
    static SqliteWriter create(Path path) throws IOException {
        try {
            return new SqliteWriter(path, connect(path), false);
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Opens a job's database {@code path} to go on with (created if it is missing); a URL's rows are replaced. */
    static SqliteWriter resume(Path path) throws IOException {
        try {
            return new SqliteWriter(path, connect(path), true);
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void write(CrawlRecord record) throws IOException {
        try {
            if (pending == 0) {
                transactionStart = System.nanoTime();
            }
            if (replace.isPresent()) {
                removeEarlier(replace.get(), record.url());
            }
            int i = 1;
            for (RecordColumns.Column column : RecordColumns.ALL) {
                Optional<Object> value = column.value().apply(record);
                if (value.isEmpty()) {
                    page.setNull(i++, column.type() == RecordColumns.Type.TEXT ? Types.VARCHAR : Types.INTEGER);
                } else if (value.get() instanceof Boolean b) {
                    page.setInt(i++, b ? 1 : 0);
                } else if (value.get() instanceof Long n) {
                    page.setLong(i++, n);
                } else {
                    page.setString(i++, value.get().toString());
                }
            }
            long id = ++lastId;
            page.setLong(i, id);
            page.executeUpdate();
            List<String> links = record.links();
            if (!links.isEmpty()) {
                link.setLong(1, id);
                link.setString(2, linksJson(links));
                link.executeUpdate();
            }
            if (!record.fields().isEmpty()) {
                field.setLong(1, id);
                field.setString(2, fieldsJson(record.fields()));
                field.executeUpdate();
            }
            if (++pending >= BATCH) {
                commit();
            }
        } catch (SQLException e) {
            throw new IOException(e.getMessage() + " (page " + record.url() + ")", e);
        }
    }

    private static void removeEarlier(Replace replace, String url) throws SQLException {
        replace.find().setString(1, url);
        Optional<Long> earlier;
        try (var found = replace.find().executeQuery()) {
            earlier = found.next() ? Optional.of(found.getLong(1)) : Optional.empty();
        }
        if (earlier.isPresent()) {
            for (PreparedStatement delete : replace.delete()) {
                delete.setLong(1, earlier.get());
                delete.executeUpdate();
            }
        }
    }

    /** A page's links as a JSON array, for {@code json_each}. */
    private String linksJson(List<String> links) throws IOException {
        jsonText.getBuffer().setLength(0);
        writeArray(links);
        json.flush();
        return jsonText.toString();
    }

    /**
     * A page's fields as a JSON object of arrays, for {@code json_each}: a single value a list of one (null when
     * nothing matched), an empty list no rows.
     */
    private String fieldsJson(Map<String, FieldValue> fields) throws IOException {
        jsonText.getBuffer().setLength(0);
        json.writeStartObject();
        for (Map.Entry<String, FieldValue> entry : fields.entrySet()) {
            json.writeFieldName(entry.getKey());
            if (entry.getValue() instanceof FieldValue.One one) {
                json.writeStartArray();
                json.writeString(one.value().orElse(null));
                json.writeEndArray();
            } else {
                writeArray(entry.getValue().values());
            }
        }
        json.writeEndObject();
        json.flush();
        return jsonText.toString();
    }

    private void writeArray(List<String> values) throws IOException {
        json.writeStartArray();
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    @Override
    public void idle(long nanoTime) throws IOException {
        if (pending > 0 && nanoTime - transactionStart >= MAX_TRANSACTION_NANOS) {
            commit();
        }
    }

    /**
     * Commits the open transaction: a job's commit then covers every page given so far. The database is not
     * cut back on resume (a URL's rows are replaced instead), so its position is always 0.
     */
    @Override
    public long position() throws IOException {
        if (pending > 0) {
            commit();
        }
        return 0;
    }

    /**
     * Commits, then syncs the write-ahead log, where the commit is (with {@code synchronous=NORMAL} SQLite
     * syncs it only at checkpoints, which sync the database file too).
     */
    @Override
    public void force() throws IOException {
        position();
        Path wal = file.resolveSibling(file.getFileName() + "-wal");
        if (Files.exists(wal)) {
            try (FileChannel log = FileChannel.open(wal, StandardOpenOption.READ)) {
                log.force(false);
            }
        }
    }

    private void commit() throws IOException {
        try {
            db.commit();
            pending = 0;
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        try (db) {
            if (pending > 0) {
                commit();
            }
            page.close();
            link.close();
            field.close();
            if (replace.isPresent()) {
                replace.get().find().close();
                for (PreparedStatement delete : replace.get().delete()) {
                    delete.close();
                }
            }
            try (Statement s = db.createStatement()) {
                db.setAutoCommit(true);
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
