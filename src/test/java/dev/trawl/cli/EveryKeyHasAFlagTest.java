package dev.trawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.config.ConfigLoader;
import dev.trawl.config.ConfigOverride;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every config key can be set from the command line too: a key added without its flag fails here. */
class EveryKeyHasAFlagTest {

    @Test
    void everyConfigKeyHasACrawlFlag() throws Exception {
        CrawlOptions options = new CrawlOptions();
        for (Field field : CrawlOptions.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            field.setAccessible(true);
            Class<?> type = field.getType();
            if (type == String.class) {
                field.set(options, "x");
            } else if (type == Boolean.class) {
                field.set(options, Boolean.TRUE);
            } else if (type == List.class) {
                field.set(options, List.of("x"));
            } else if (type == Path.class) {
                field.set(options, Path.of("x"));
            }
        }

        Set<String> flagged = options.overrides().stream().map(ConfigOverride::key)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(flagged).containsAll(ConfigLoader.keys());
    }
}
