package dev.trawl.cli;

import dev.trawl.config.ConfigLoader;
import dev.trawl.config.ConfigOverride;
import dev.trawl.config.CrawlConfig;
import dev.trawl.config.Mode;
import dev.trawl.sim.SimWeb;
import dev.trawl.sim.SiteSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code trawl train} (hidden): the launcher's training run for the JDK 25+ start-up cache. Crawls a
 * small simulated web once in each in-process mode, so the classes and method profiles of every mode,
 * the config loader and the CLI end up in the cache.
 */
@Command(name = "train", hidden = true, description = "Training run for the JVM start-up cache.")
public final class TrainCommand implements Callable<Integer> {

    @Override
    public Integer call() throws InterruptedException, IOException {
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());
        // Real files (the output format follows the name, so /dev/null is refused), removed after.
        Path scratch = Files.createTempDirectory("trawl-train");
        try (SimWeb web = SimWeb.start(SiteSpec.defaults().withHosts(2).withPagesPerHost(150))) {
            for (Mode mode : List.of(Mode.THREADS, Mode.ASYNC, Mode.VIRTUAL)) {
                CrawlConfig config = ConfigLoader.load(Optional.empty(), List.of(
                        ConfigOverride.of("politeness.delay", "0"),
                        ConfigOverride.of("politeness.per-host", "8"),
                        ConfigOverride.of("concurrency.mode", mode.cliName()),
                        outputs(scratch, mode),
                        ConfigOverride.of("output.progress", "off")));
                new CrawlSession(quiet, quiet).run(config, web.seeds());
            }
        } finally {
            try (var files = Files.list(scratch)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(scratch);
        }
        return 0;
    }

    /**
     * JSONL; the first mode also writes CSV, SQLite and WARC, so that their classes (jwarc, sqlite-jdbc,
     * Jackson's CSV writer, the native gzip codec) are in the cache too: a crawl writing all four formats
     * otherwise loads and links them at every start, a fixed cost that on a few-second crawl measured as a
     * few percent of its CPU.
     */
    private static ConfigOverride outputs(Path scratch, Mode mode) {
        String stem = scratch.resolve(mode.cliName()).toString();
        List<String> outs = mode == Mode.THREADS
                ? List.of(stem + ".jsonl", stem + ".csv", stem + ".sqlite", stem + ".warc.gz")
                : List.of(stem + ".jsonl");
        return new ConfigOverride("output.out", outs, "train");
    }
}
