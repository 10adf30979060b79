package dev.trawl.config;

import java.util.List;
import java.util.function.Function;

/**
 * One key of the YAML layout: its dotted name ({@code politeness.delay}), whether it holds a list,
 * how its text is parsed, and where its built-in default lives in {@link CrawlConfig}.
 *
 * @param parser turns the values as written into the typed value; throws {@link
 *     IllegalArgumentException} with a message that says what is wrong and how to write it. Scalar
 *     keys are given exactly one value.
 */
record ConfigKey<T>(String name, boolean list, Function<List<String>, T> parser, Function<CrawlConfig, T> defaultOf) {

    /** The section, e.g. {@code politeness} for {@code politeness.delay}. */
    String section() {
        return name.substring(0, name.indexOf('.'));
    }

    /** The key within its section, e.g. {@code delay} for {@code politeness.delay}. */
    String leaf() {
        return name.substring(name.indexOf('.') + 1);
    }

    T parse(List<String> values) {
        return parser.apply(values);
    }

    static <T> ConfigKey<T> scalar(String name, Function<String, T> parser, Function<CrawlConfig, T> defaultOf) {
        return new ConfigKey<>(name, false, values -> parser.apply(values.getFirst()), defaultOf);
    }

    static <E> ConfigKey<List<E>> list(
            String name, Function<String, E> parser, Function<CrawlConfig, List<E>> defaultOf) {
        return new ConfigKey<>(name, true, values -> values.stream().map(parser).toList(), defaultOf);
    }
}
