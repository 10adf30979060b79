package dev.trawl.config;

import java.util.List;
import java.util.Objects;

/**
 * One value set on the command line, applied over the config file by {@link ConfigLoader}.
 *
 * <p>{@code key} is a dotted key exactly as in {@code config/default.yaml}, e.g. {@code
 * politeness.delay}. {@code values} holds the text as the user typed it, parsed like the YAML value
 * would be: a scalar key takes exactly one value ({@code "250ms"}); a list key such as {@code
 * scope.include} takes one element per value, so a repeated flag ({@code --include a --include b})
 * becomes {@code List.of("a", "b")}, and an empty list clears the file's list. Values are never split
 * on commas, because regular expressions contain them ({@code \d{1,3}}).
 *
 * <p>{@code source} names the override in error messages, e.g. {@code --delay}, so the user sees
 * {@code --delay: not a duration: '10 sec' (...)}; {@link #of} uses the key itself.
 */
public record ConfigOverride(String key, List<String> values, String source) {

    public ConfigOverride {
        Objects.requireNonNull(key, "key");
        values = List.copyOf(values);
        if (source.isBlank()) {
            throw new IllegalArgumentException("source must not be blank (use the flag name or the key)");
        }
    }

    /** An override named by its key in error messages: {@code of("politeness.delay", "250ms")}. */
    public static ConfigOverride of(String key, String... values) {
        return new ConfigOverride(key, List.of(values), key);
    }

    /** This override, named {@code source} (e.g. {@code --delay}) in error messages. */
    public ConfigOverride from(String source) {
        return new ConfigOverride(key, values, source);
    }
}
