package dev.trawl.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Bad configuration or seed input, found before any crawling starts. The message says what is wrong,
 * where, and how to fix it, ready to print without a stack trace:
 *
 * <pre>
 * config/my.yaml: unknown key 'politeness.dealy' (did you mean 'politeness.delay'? see config/default.yaml for every key)
 * config/my.yaml: politeness.per-host: must be at least 1: 0
 * --delay: not a duration: '10 sec' (write e.g. 0, 250ms, 1.5s, 2m)
 * </pre>
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Optional<Path> file;
    private final String key;

    /**
     * @param file the file at fault, or empty when the value came from the command line
     * @param key the dotted key at fault, e.g. {@code politeness.delay}; empty when the problem is the
     *     file as a whole (missing, not YAML, no usable seeds)
     * @param message the full message, including where and how to fix it
     */
    public ConfigException(Optional<Path> file, String key, String message) {
        this(file, key, message, null);
    }

    /** As {@link #ConfigException(Optional, String, String)}, keeping the underlying cause. */
    public ConfigException(Optional<Path> file, String key, String message, Throwable cause) {
        super(message, cause);
        this.file = Objects.requireNonNull(file, "file");
        this.key = Objects.requireNonNull(key, "key");
    }

    /** The file at fault; empty when the value came from the command line. */
    public Optional<Path> file() {
        return file;
    }

    /** The dotted key at fault, e.g. {@code politeness.delay}; empty when the whole file is at fault. */
    public String key() {
        return key;
    }
}
