package dev.trawl.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A seed line (or command-line argument) that was skipped, and why. {@link #toString()} is the
 * message to show: {@code seeds/news.txt:14: not an absolute http(s) URL: 'ftp://x'}, or {@code
 * argument 2: contains whitespace: 'http://a b'}.
 *
 * @param file the seed file, or empty for a command-line argument
 * @param line the 1-based line in {@code file}, or the 1-based argument position
 * @param text the seed as written, trimmed and without its comment
 * @param reason what is wrong with it
 */
public record SeedProblem(Optional<Path> file, int line, String text, String reason) {

    public SeedProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(reason, "reason");
        if (line < 1) {
            throw new IllegalArgumentException("line must be at least 1: " + line);
        }
    }

    /** Where the seed was written: {@code seeds/news.txt:14} or {@code argument 2}. */
    public String location() {
        return file.map(f -> f + ":" + line).orElse("argument " + line);
    }

    @Override
    public String toString() {
        return location() + ": " + reason + ": '" + text + "'";
    }
}
