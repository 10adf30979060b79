package dev.trawl.config;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the one {@link CrawlConfig} of a run, in three layers, each overriding the one before:
 *
 * <ol>
 *   <li>the built-in {@link CrawlConfig#defaults()};
 *   <li>a YAML file, laid out as {@code config/default.yaml} documents;
 *   <li>command-line overrides, as {@link ConfigOverride}s keyed like the file
 *       ({@code politeness.delay}).
 * </ol>
 *
 * <p>Loading is strict: unknown keys, values of the wrong shape and values the records reject all
 * fail at once with a {@link ConfigException} naming the file (or flag) and key, and saying how to
 * fix it. Nothing is logged and nothing is silently corrected. Stateless and thread-safe.
 */
public final class ConfigLoader {

    private ConfigLoader() {}

    /**
     * Loads the config.
     *
     * @param file the YAML file to read, or empty for defaults and overrides only; an empty file
     *     means all defaults
     * @param overrides command-line values, applied in order (a later one wins)
     * @throws ConfigException if the file is missing or not YAML, or any key or value is bad
     */
    public static CrawlConfig load(Optional<Path> file, List<ConfigOverride> overrides) {
        Map<ConfigKey<?>, Setting<?>> settings = new HashMap<>();
        file.ifPresent(f -> YamlSettings.read(f).forEach(w -> put(settings, w.key(), w.values(), w.origin())));
        for (ConfigOverride override : overrides) {
            Origin origin = Origin.of(override);
            ConfigKey<?> key = ConfigKeys.BY_NAME.get(override.key());
            if (key == null) {
                throw origin.unknownKey(override.key(),
                        KeySuggestions.closest(override.key(), ConfigKeys.BY_NAME.keySet()));
            }
            if (!key.list() && override.values().size() != 1) {
                throw origin.invalid(key.name(), "takes exactly one value, got " + override.values().size()
                        + ": " + override.values());
            }
            put(settings, key, override.values(), origin);
        }
        return build(settings, file);
    }

    /** Loads {@code file} with no overrides. */
    public static CrawlConfig load(Path file) {
        return load(Optional.of(file), List.of());
    }

    /** Every dotted key the loader accepts, in {@code config/default.yaml} order. */
    public static List<String> keys() {
        return ConfigKeys.ALL.stream().map(ConfigKey::name).toList();
    }

    /**
     * The built-in default of {@code key} as a person writes it in a file or a flag: {@code 1s}, {@code 10MiB},
     * {@code threads}, {@code none} for an empty list. What {@code --help} shows, from the same source as the
     * config itself.
     *
     * @throws IllegalArgumentException for an unknown key
     */
    public static String defaultText(String key) {
        ConfigKey<?> known = ConfigKeys.BY_NAME.get(key);
        if (known == null) {
            throw new IllegalArgumentException("unknown config key: '" + key + "'");
        }
        Object value = known.defaultOf().apply(CrawlConfig.defaults());
        if (known == ConfigKeys.MAX_BODY || known == ConfigKeys.WARC_MAX_SIZE) {
            return Sizes.format((Long) value);
        }
        if (known == ConfigKeys.WORKER_JVM_OPTIONS && value instanceof List<?> options && !options.isEmpty()) {
            return String.join(" ", options.stream().map(String::valueOf).toList()); // as the flag takes them
        }
        return text(value);
    }

    private static String text(Object value) {
        return switch (value) {
            case Duration duration -> Durations.format(duration);
            case Enum<?> e -> e.name().toLowerCase(java.util.Locale.ROOT);
            case List<?> list -> list.isEmpty() ? "none"
                    : String.join(", ", list.stream().map(ConfigLoader::text).toList());
            case java.util.regex.Pattern pattern -> pattern.pattern();
            default -> String.valueOf(value);
        };
    }

    /** A parsed value and where it was written, so a later validation error can point there. */
    private record Setting<T>(T value, Origin origin) {}

    private static <T> void put(
            Map<ConfigKey<?>, Setting<?>> settings, ConfigKey<T> key, List<String> values, Origin origin) {
        try {
            settings.put(key, new Setting<>(key.parse(values), origin));
        } catch (IllegalArgumentException e) {
            throw origin.invalid(key.name(), e.getMessage());
        }
    }

    private static CrawlConfig build(Map<ConfigKey<?>, Setting<?>> settings, Optional<Path> file) {
        CrawlConfig defaults = CrawlConfig.defaults();
        ConfigKeys.Values values = new ConfigKeys.Values() {
            @Override
            @SuppressWarnings("unchecked") // put() stores a Setting<T> under each ConfigKey<T>
            public <T> T get(ConfigKey<T> key) {
                Setting<?> setting = settings.get(key);
                return setting == null ? key.defaultOf().apply(defaults) : (T) setting.value();
            }
        };
        try {
            return ConfigKeys.build(values);
        } catch (IllegalArgumentException e) {
            throw blame(e.getMessage(), settings, file);
        }
    }

    /**
     * Turns a record constructor's message, which starts with the key ("politeness.per-host must be
     * at least 1: 0"), into an error at the place that key was written.
     */
    private static ConfigException blame(
            String message, Map<ConfigKey<?>, Setting<?>> settings, Optional<Path> file) {
        Optional<ConfigKey<?>> key = ConfigKeys.ALL.stream()
                .filter(k -> message.startsWith(k.name() + " "))
                .max(Comparator.comparingInt(k -> k.name().length()));
        if (key.isEmpty()) {
            Origin fallback = file.map(Origin::of).orElse(new Origin(Optional.empty(), "config"));
            return fallback.whole(message, null);
        }
        String name = key.get().name();
        String detail = message.substring(name.length() + 1);
        Setting<?> setting = settings.get(key.get());
        Origin origin = setting != null ? setting.origin() : new Origin(Optional.empty(), "default " + name);
        return origin.invalid(name, detail);
    }
}
