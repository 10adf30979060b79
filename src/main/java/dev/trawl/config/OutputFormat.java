package dev.trawl.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The formats trawl writes, each chosen by an output file's extension ({@code -} is JSONL on standard output). */
public enum OutputFormat {
    JSONL(".jsonl", "JSON Lines, one record per URL"),
    CSV(".csv", "CSV, a header row then one row per URL"),
    WARC_GZ(".warc.gz", "WARC 1.1, gzip per record, with a CDXJ index"),
    WARC(".warc", "WARC 1.1, uncompressed, with a CDXJ index"),
    SQLITE(".sqlite", "SQLite: pages, links, fields");

    private final String extension;
    private final String description;

    OutputFormat(String extension, String description) {
        this.extension = extension;
        this.description = description;
    }

    public String extension() {
        return extension;
    }

    /** What the summary says about a file of this format. */
    public String description() {
        return description;
    }

    /**
     * Whether this format is a WARC (either kind), whose writer archives each HTTP exchange: the fetcher must
     * keep the wire bytes, and a crawl's files are numbered ({@code NAME-00000.warc.gz}) beside an index.
     */
    public boolean isWarc() {
        return this == WARC || this == WARC_GZ;
    }

    /**
     * Whether each WARC record is its own gzip member ({@code .warc.gz}) rather than written as it is
     * ({@code .warc}, which costs no deflate: for CPU-bound crawls, or files compressed later).
     */
    public boolean gzipsRecords() {
        return this == WARC_GZ;
    }

    /** Whether {@code path} means standard output. */
    public static boolean isStandardOutput(Path path) {
        return path.toString().equals("-");
    }

    /**
     * The format of {@code path}, by its extension.
     *
     * @throws IllegalArgumentException naming the extensions that exist
     */
    public static OutputFormat of(Path path) {
        return find(path).orElseThrow(() -> new IllegalArgumentException("unknown output format: '" + path
                + "' (name the file with one of " + Arrays.stream(values()).map(f -> f.extension)
                        .collect(Collectors.joining(", ")) + ", or - for JSONL on standard output)"));
    }

    /** The format of {@code path}, by its extension; empty if no format has it. */
    public static Optional<OutputFormat> find(Path path) {
        if (isStandardOutput(path)) {
            return Optional.of(JSONL);
        }
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> name.endsWith(f.extension) && name.length() > f.extension.length())
                .findFirst();
    }
}
