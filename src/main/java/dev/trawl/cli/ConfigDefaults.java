package dev.trawl.cli;

import dev.trawl.config.ConfigLoader;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Set;
import java.util.TreeSet;

/**
 * The config's built-in defaults as a resource bundle, so that flag descriptions can say
 * {@code (default: ${bundle:politeness.delay})} and {@code --help} shows the value the config really has,
 * from the one place that defines it ({@link ConfigLoader#defaultText}). Only dotted config keys are in it,
 * so picocli finds no description overrides here. Immutable.
 */
final class ConfigDefaults extends java.util.ResourceBundle {
    private final Set<String> keys = new TreeSet<>(ConfigLoader.keys());

    @Override
    protected Object handleGetObject(String key) {
        return keys.contains(key) ? ConfigLoader.defaultText(key) : null;
    }

    @Override
    protected Set<String> handleKeySet() {
        return Collections.unmodifiableSet(keys);
    }

    @Override
    public Enumeration<String> getKeys() {
        return Collections.enumeration(keys);
    }
}
