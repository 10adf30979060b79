package dev.trawl.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a setting was written — a config file or a command-line override — and how errors about it
 * are worded: {@code config/my.yaml: politeness.per-host: must be at least 1: 0} for a file, {@code
 * --per-host: must be at least 1: 0} for an override named by its flag.
 */
record Origin(Optional<Path> file, String label) {

    static final String ALL_KEYS_HINT = "see config/default.yaml for every key";

    static Origin of(Path file) {
        return new Origin(Optional.of(file), file.toString());
    }

    static Origin of(ConfigOverride override) {
        return new Origin(Optional.empty(), override.source());
    }

    /** A bad value for a known key. */
    ConfigException invalid(String key, String detail) {
        String where = file.isPresent() ? label + ": " + key : label;
        return new ConfigException(file, key, where + ": " + detail);
    }

    /** A key that is not in the layout, with a suggestion when one is close. */
    ConfigException unknownKey(String key, Optional<String> suggestion) {
        String hint = suggestion.map(s -> "did you mean '" + s + "'? ").orElse("") + ALL_KEYS_HINT;
        return new ConfigException(file, key, label + ": unknown key '" + key + "' (" + hint + ")");
    }

    /** A problem with the file as a whole. */
    ConfigException whole(String detail, Throwable cause) {
        return new ConfigException(file, "", label + ": " + detail, cause);
    }
}
