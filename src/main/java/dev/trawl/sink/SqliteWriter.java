package dev.trawl.sink;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Arrays;
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
 * page_links(page_id INTEGER PRIMARY KEY, urls)  a page's normalized outlinks, one JSON array in page order
 * links(page_id, position, url)          a VIEW over page_links: one row a link, position 0..n-1
 * fields(page_id, name, position, value) one row per value: position 0 for a single value (NULL when no
 *                                        match), 0..n-1 for a list (no rows for an empty list)
 * </pre>
 *
 * Why the links are one array a page and {@code links} a view ({@code json_each} over it): real pages have
 * ~80 to ~190 links each, and as rows of a table (even a {@code WITHOUT ROWID} one keyed by page and position,
 * inserted by one statement a page through {@code json_each}) each link was a B-tree insert. On the real-site
 * benchmark's 10,000 fixed pages (770,000 links; all four formats at once, per-thread CPU from /proc) this
 * writer's thread took 1.85 s with a row a link, 0.95 s with an array a page, about the WARC writer's CPU
 * before and half of it after; the database is the same size (90 MB of links either way). Every SELECT on
 * {@code links} answers as the table did: a page's links are found by its id through {@code page_links}'
 * primary key; a whole-table join reads every array again (the README's broken-links query over those
 * 770,000 links: 0.55 s against 0.44 s from the table).
 *
 * <p>A job's database made by an earlier release keeps its {@code links} table ({@link LinkLayout}): with
 * positions (a {@code WITHOUT ROWID} table keyed by page and position) or without (a rowid table with an
 * index on page_id); a resumed job writes rows into it as that release did.
 *
 * A page's links, and its fields, go in with one statement each: the values as one JSON array bound as
 * one parameter. Bound and stepped row by row through JDBC, the links were most of this writer's CPU, the
 * driver's per-row binding and native calls more than SQLite's own work.
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
    private static final int LINKS_KEPT = 1 << 20;

    private final String name;
    private final Path file;
    private final Connection db;
    private final PreparedStatement page;
    private final LinkLayout layout;
    private final PreparedStatement link;
    private final PreparedStatement field;
    /** In a resumed job's database: the statements that find and remove a URL's earlier rows. */
    private final Optional<Replace> replace;
    /**
     * The JSON text of a page's links or fields, UTF-8, through one generator for the writer's life. Bound as
     * bytes and cast to TEXT in SQL: a Java string would be built, compressed to Latin-1 and encoded to UTF-8
     * again by the driver, a quarter of this writer's CPU on a real site's ~190 links a page.
     */
    private final ByteArrayOutputStream jsonText = new ByteArrayOutputStream(16 * 1024);
    private final JsonGenerator json;
    /** A page's links array as {@link #linksJson} builds it: {@code linksLength} bytes, kept for the next page. */
    private byte[] linksText = new byte[16 * 1024];
    private int linksLength;
    private long lastId;
    private int pending;
    private long transactionStart;

    private record Replace(PreparedStatement find, List<PreparedStatement> delete) {}

    private SqliteWriter(Path file, Connection db, boolean resume) throws SQLException, IOException {
        this.name = file.toString();
        this.json = new JsonFactory().createGenerator(jsonText, JsonEncoding.UTF8);
        json.setRootValueSeparator(null);
        this.file = file;
        this.db = db;
        String ifNew = resume ? "IF NOT EXISTS " : "";
        try (Statement s = db.createStatement()) {
            // 64 KiB pages: a page's links array is ~10 KB on a real site, one row or two to a 16 KiB page, several to
            // a 64 KiB one, so fewer pages to split, log and checkpoint. This writer's CPU over the real site's
            // 10,000 fixed pages (one JVM per run, 4 interleaved runs of 5 rounds, C1): median ~535 ms with 16 KiB
            // pages, ~477 with 64 KiB (~495 with SQLite's default checkpoint every 1,000 log frames, a frame one
            // database page: 64 MB of log; so a checkpoint every 250 frames keeps the log at the 16 MB it was, 1,000
            // frames of 16 KiB). Measured with SQLite's default cache. 16 KiB had been about a fifth less
            // than 4 KiB. Only a new database takes the page size, before WAL mode is set.
            s.execute("PRAGMA page_size=65536");
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA wal_autocheckpoint=250");
            s.execute("PRAGMA synchronous=NORMAL");
            s.execute("CREATE TABLE " + ifNew + "pages(id INTEGER PRIMARY KEY, " + RecordColumns.ALL.stream()
                    .map(c -> c.name() + " " + (c.type() == RecordColumns.Type.TEXT ? "TEXT" : "INTEGER")
                            + (c.name().equals("url") ? " NOT NULL UNIQUE" : ""))
                    .collect(Collectors.joining(", ")) + ")");
            this.layout = LinkLayout.of(db);
            if (layout == LinkLayout.ARRAY) {
                s.execute("CREATE TABLE " + ifNew + "page_links(page_id INTEGER PRIMARY KEY REFERENCES pages(id), "
                        + "urls TEXT NOT NULL)");
                s.execute("CREATE VIEW " + ifNew + "links(page_id, position, url) AS "
                        + "SELECT l.page_id, j.key, j.value FROM page_links AS l, json_each(l.urls) AS j");
            }
            s.execute("CREATE TABLE " + ifNew + "fields(page_id INTEGER NOT NULL REFERENCES pages(id), name TEXT NOT NULL, "
                    + "position INTEGER NOT NULL, value TEXT, PRIMARY KEY (page_id, name, position)) WITHOUT ROWID");
            s.execute("CREATE INDEX " + ifNew + "fields_name ON fields(name)");
        }
        db.setAutoCommit(false);
        // ids are counted here, the only writer, rather than read back from the driver after each insert
        this.page = db.prepareStatement("INSERT INTO pages(" + RecordColumns.ALL.stream().map(RecordColumns.Column::name)
                .collect(Collectors.joining(", ")) + ", id) VALUES (" + "?, ".repeat(RecordColumns.ALL.size()) + "?)");
        this.link = db.prepareStatement(layout.insert);
        // {name: [value, ...], ...}: a single value is a list of one (null when nothing matched)
        this.field = db.prepareStatement("INSERT INTO fields(page_id, name, position, value) "
                + "SELECT ?1, f.key, v.key, v.value FROM json_each(CAST(?2 AS TEXT)) AS f, json_each(f.value) AS v");
        if (resume) {
            try (Statement s = db.createStatement(); var max = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM pages")) {
                lastId = max.next() ? max.getLong(1) : 0;
            }
            this.replace = Optional.of(new Replace(db.prepareStatement("SELECT id FROM pages WHERE url = ?"),
                    List.of(db.prepareStatement(layout.delete),
                            db.prepareStatement("DELETE FROM fields WHERE page_id = ?"),
                            db.prepareStatement("DELETE FROM pages WHERE id = ?"))));
        } else {
            this.replace = Optional.empty();
        }
    }

    /**
     * How a database holds its pages' links. A new one takes {@link #ARRAY}; a job's database made by an
     * earlier release keeps the table of rows it has, so that a resumed job writes on in the same shape.
     */
    enum LinkLayout {
        /** {@code page_links(page_id, urls)}, the links as one JSON array a page; {@code links} a view over it. */
        ARRAY("INSERT INTO page_links(page_id, urls) VALUES (?1, CAST(?2 AS TEXT))", "DELETE FROM page_links WHERE page_id = ?"),
        /** {@code links(page_id, position, url)}, a table of one row a link (the fifth session's databases). */
        POSITIONED_ROWS("INSERT INTO links(page_id, position, url) SELECT ?1, key, value FROM json_each(CAST(?2 AS TEXT))",
                "DELETE FROM links WHERE page_id = ?"),
        /** {@code links(page_id, url)}, a rowid table with an index on page_id (the first releases'). */
        ROWS("INSERT INTO links(page_id, url) SELECT ?1, value FROM json_each(CAST(?2 AS TEXT)) ORDER BY key",
                "DELETE FROM links WHERE page_id = ?");

        /** Puts a page's id (1) and its links as a JSON array, UTF-8 bytes (2). */
        final String insert;
        /** Removes a page's links, by its id. */
        final String delete;

        LinkLayout(String insert, String delete) {
            this.insert = insert;
            this.delete = delete;
        }

        /** The layout of {@code db}'s links: {@link #ARRAY} if it has none yet or {@code links} is a view. */
        static LinkLayout of(Connection db) throws SQLException {
            String type;
            try (var s = db.prepareStatement("SELECT type FROM sqlite_master WHERE name = 'links'");
                    var found = s.executeQuery()) {
                type = found.next() ? found.getString(1) : "";
            }
            if (!type.equals("table")) {
                return ARRAY;
            }
            return columns(db, "links").contains("position") ? POSITIONED_ROWS : ROWS;
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
    public void write(RecordJson json) throws IOException {
        CrawlRecord record = json.record();
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
                link.setBytes(2, linksJson(links));
                link.executeUpdate();
            }
            if (!record.fields().isEmpty()) {
                field.setLong(1, id);
                field.setBytes(2, fieldsJson(record.fields()));
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

    /**
     * A page's links as a JSON array, for {@code json_each}: the text the generator writes, but a link of printable
     * ASCII without a quote or a backslash (as normalized URLs are) is copied in as its bytes, where the
     * generator's escaping char by char was ~40% of this writer's CPU (the real site's ~80 links a page). Any
     * other link is escaped by the generator. This writer's CPU over the real site's 10,000 pages went from a
     * median ~850 ms to ~700 (three interleaved runs of five each, the launcher's C1-only JVM).
     */
    private byte[] linksJson(List<String> links) throws IOException {
        if (linksText.length > LINKS_KEPT) {
            linksText = new byte[16 * 1024]; // one page of very many links is not kept for the rest of the crawl
        }
        linksLength = 0;
        append((byte) '[');
        for (int i = 0; i < links.size(); i++) {
            if (i > 0) {
                append((byte) ',');
            }
            String link = links.get(i);
            byte[] latin1 = link.getBytes(StandardCharsets.ISO_8859_1); // a copy, for the usual Latin-1 string
            if (PlainJson.isPlain(link, latin1)) {
                append((byte) '"');
                append(latin1, latin1.length);
                append((byte) '"');
            } else {
                jsonText.reset();
                json.writeString(link);
                json.flush();
                append(jsonText.toByteArray(), jsonText.size());
            }
        }
        append((byte) ']');
        return Arrays.copyOf(linksText, linksLength);
    }

    private void append(byte b) {
        if (linksLength == linksText.length) {
            linksText = Arrays.copyOf(linksText, linksText.length * 2);
        }
        linksText[linksLength++] = b;
    }

    private void append(byte[] bytes, int length) {
        if (linksLength + length > linksText.length) {
            linksText = Arrays.copyOf(linksText, Math.max(linksText.length * 2, linksLength + length));
        }
        System.arraycopy(bytes, 0, linksText, linksLength, length);
        linksLength += length;
    }

    /**
     * A page's fields as a JSON object of arrays, for {@code json_each}: a single value a list of one (null when
     * nothing matched), an empty list no rows.
     */
    private byte[] fieldsJson(Map<String, FieldValue> fields) throws IOException {
        jsonText.reset();
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
        return jsonText.toByteArray();
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
