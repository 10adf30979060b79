package dev.trawl.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The files under {@code config/} load cleanly and say what they claim. */
class ShippedConfigTest {

    private static final Path CONFIG = Path.of("config");

    @Test
    void defaultYamlHoldsExactlyTheBuiltInDefaults() {
        ConfigLoaderTest.assertSameConfig(ConfigLoader.load(CONFIG.resolve("default.yaml")), CrawlConfig.defaults());
    }

    @Test
    void defaultYamlWritesEveryKeyOnceInOrder() {
        assertThat(YamlSettings.read(CONFIG.resolve("default.yaml")))
                .map(written -> written.key().name())
                .containsExactlyElementsOf(ConfigLoader.keys());
    }

    @Test
    void politeYamlIsGentle() {
        CrawlConfig config = ConfigLoader.load(CONFIG.resolve("polite.yaml"));
        assertThat(config.politeness().delay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.politeness().perHost()).isEqualTo(1);
        assertThat(config.politeness().robots()).isTrue();
        assertThat(config.limits().maxDepth()).isEqualTo(3);
        assertThat(config.limits().maxPages()).isLessThanOrEqualTo(CrawlConfig.defaults().limits().maxPages());
    }

    @Test
    void fastLocalYamlIsTunedForLoopback() {
        CrawlConfig config = ConfigLoader.load(CONFIG.resolve("fast-local.yaml"));
        assertThat(config.politeness().delay()).isZero();
        assertThat(config.politeness().perHost()).isEqualTo(8);
        assertThat(config.politeness().robots()).isTrue();
        assertThat(config.limits().maxPages()).isEqualTo(1_000_000);
        assertThat(config.limits().maxDepth()).isEqualTo(100);
        assertThat(config.concurrency().queueCapacity())
                .isGreaterThan(CrawlConfig.defaults().concurrency().queueCapacity());
        assertThat(config.concurrency().producers()).isGreaterThan(CrawlConfig.defaults().concurrency().producers());
        assertThat(config.output().progress()).isEqualTo(ProgressMode.AUTO);
    }
}
