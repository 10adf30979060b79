package dev.trawl.sink;

import java.nio.file.Path;

/** An output file exists and the crawl was not told it may replace it. */
public final class OutputExistsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    OutputExistsException(Path file) {
        super(file + " exists; not replacing it (give --overwrite to replace it, or another --out)");
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
