package dev.trawl.sink;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * SQLite through xerial's JDBC driver, in WAL mode:
 *
 * <pre>
 * pages(id INTEGER PRIMARY KEY, url TEXT UNIQUE, …every record column…)
 * links(page_id, url)                    the page's normalized outlinks, in page order
 * fields(page_id, name, position, value) one row per value: position 0 for a single value (NULL when no
 *                                        match), 0..n-1 for a list (no rows for an empty list)
 * </pre>
 *
 * Rows are written in batched transactions — committed every {@value #BATCH} pages or once the open one
 * is a second old, and on close — so a stopped crawl leaves every committed page and a consistent file.
 * Booleans are 0/1. Not thread-safe (see {@link BackgroundSink}).
 */
final class SqliteWriter implements RecordWriter {
    static final int BATCH = 1000;
    private static final long MAX_TRANSACTION_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final String name;
    private final Connection db;
    private final PreparedStatement page;
    private final PreparedStatement link;
    private final PreparedStatement field;
    private long lastId;
    private int pending;
    private long transactionStart;

    private SqliteWriter(String name, Connection db) throws SQLException {
        this.name = name;
        this.db = db;
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=NORMAL");
            s.execute("CREATE TABLE pages(id INTEGER PRIMARY KEY, " + RecordColumns.ALL.stream()
                    .map(c -> c.name() + " " + (c.type() == RecordColumns.Type.TEXT ? "TEXT" : "INTEGER")
                            + (c.name().equals("url") ? " NOT NULL UNIQUE" : ""))
                    .collect(Collectors.joining(", ")) + ")");
            s.execute("CREATE TABLE links(page_id INTEGER NOT NULL REFERENCES pages(id), url TEXT NOT NULL)");
            s.execute("CREATE TABLE fields(page_id INTEGER NOT NULL REFERENCES pages(id), name TEXT NOT NULL, "
                    + "position INTEGER NOT NULL, value TEXT)");
            s.execute("CREATE INDEX links_page_id ON links(page_id)");
            s.execute("CREATE INDEX fields_name ON fields(name)");
            s.execute("CREATE INDEX fields_page_id ON fields(page_id)");
        }
        db.setAutoCommit(false);
        // ids are counted here, the only writer, rather than read back from the driver after each insert
        this.page = db.prepareStatement("INSERT INTO pages(" + RecordColumns.ALL.stream().map(RecordColumns.Column::name)
                .collect(Collectors.joining(", ")) + ", id) VALUES (" + "?, ".repeat(RecordColumns.ALL.size()) + "?)");
        this.link = db.prepareStatement("INSERT INTO links(page_id, url) VALUES (?, ?)");
        this.field = db.prepareStatement("INSERT INTO fields(page_id, name, position, value) VALUES (?, ?, ?, ?)");
    }

    /** Creates the database file {@code path} (which must not exist) with its tables. */
    static SqliteWriter create(Path path) throws IOException {
        try {
            return new SqliteWriter(path.toString(), DriverManager.getConnection("jdbc:sqlite:" + path));
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
            for (String url : links) {
                link.setLong(1, id);
                link.setString(2, url);
                link.addBatch();
            }
            if (!links.isEmpty()) {
                link.executeBatch();
            }
            boolean anyField = false;
            for (Map.Entry<String, FieldValue> entry : record.fields().entrySet()) {
                if (entry.getValue() instanceof FieldValue.One one) {
                    addField(id, entry.getKey(), 0, one.value().orElse(null));
                    anyField = true;
                } else {
                    List<String> values = entry.getValue().values();
                    for (int position = 0; position < values.size(); position++) {
                        addField(id, entry.getKey(), position, values.get(position));
                        anyField = true;
                    }
                }
            }
            if (anyField) {
                field.executeBatch();
            }
            if (++pending >= BATCH) {
                commit();
            }
        } catch (SQLException e) {
            throw new IOException(e.getMessage() + " (page " + record.url() + ")", e);
        }
    }

    private void addField(long id, String name, int position, String value) throws SQLException {
        field.setLong(1, id);
        field.setString(2, name);
        field.setInt(3, position);
        if (value == null) {
            field.setNull(4, Types.VARCHAR);
        } else {
            field.setString(4, value);
        }
        field.addBatch();
    }

    @Override
    public void idle(long nanoTime) throws IOException {
        if (pending > 0 && nanoTime - transactionStart >= MAX_TRANSACTION_NANOS) {
            commit();
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
            try (Statement s = db.createStatement()) {
                db.setAutoCommit(true);
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
