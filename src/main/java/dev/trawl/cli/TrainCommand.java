package dev.trawl.cli;

import dev.trawl.config.Mode;
import dev.trawl.sim.SimWeb;
import dev.trawl.sim.SiteSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code trawl train} (hidden): the launcher's training run for the JDK 25+ start-up cache. Crawls a
 * small simulated web once in each in-process mode, each time through the whole command line as a user
 * types it ({@code trawl crawl --seeds FILE --config FILE ...}), so that the classes and method profiles
 * of what a real run does first (picocli parsing the crawl's flags, the YAML config file, the seed file,
 * the outputs, the summary) end up in the cache, not only the crawl's.
 */
@Command(name = "train", hidden = true, description = "Training run for the JVM start-up cache.")
public final class TrainCommand implements Callable<Integer> {

    /** A config file as users write them: YAML, sections, durations. Loopback, so no delay. */
    private static final String CONFIG = """
            # trawl train: the start-up cache's training crawl of the simulated web
            fetch:
              connect-timeout: 2s
              read-timeout: 5s
            politeness:
              delay: 0
              per-host: 8
            limits:
              max-pages: 1000000
            concurrency:
              producers: 8
            output:
              progress: off
            """;

    /** Extraction rules of each kind a user writes (text, attribute, absolute URL, list), for the first mode. */
    private static final List<String> RULES = List.of("--field", "heading=h1", "--field", "next=a[rel=next]@abs:href",
            "--field", "sections[]=section@id", "--field", "description_meta=meta[name=description]@content");

    @Override
    public Integer call() throws InterruptedException, IOException {
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());
        // Real files (the output format follows the name, so /dev/null is refused), removed after.
        Path scratch = Files.createTempDirectory("trawl-train");
        try (SimWeb web = SimWeb.start(SiteSpec.defaults().withHosts(2).withPagesPerHost(150))) {
            Path config = Files.writeString(scratch.resolve("train.yaml"), CONFIG);
            Path seeds = Files.writeString(scratch.resolve("seeds.txt"), String.join("\n", web.seeds()) + "\n");
            for (Mode mode : List.of(Mode.THREADS, Mode.ASYNC, Mode.VIRTUAL)) {
                List<String> args = new ArrayList<>(List.of("crawl", "--seeds", seeds.toString(),
                        "--config", config.toString(), "--mode", mode.cliName()));
                for (String out : outputs(scratch, mode)) {
                    args.addAll(List.of("--out", out));
                }
                if (mode == Mode.THREADS) {
                    args.addAll(RULES); // their classes too: jsoup's selector parser, the probes, the fields' writers
                }
                CommandLine crawl = Main.commandLine("crawl");
                crawl.setOut(quiet);
                crawl.setErr(quiet);
                int code = crawl.execute(args.toArray(String[]::new));
                if (code != 0) {
                    throw new IllegalStateException("the training crawl in " + mode.cliName() + " mode exited " + code);
                }
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
     * few percent of its CPU. The second writes the uncompressed WARC, whose records take another path (stored
     * members, no deflate), so that its users start as warm.
     */
    private static List<String> outputs(Path scratch, Mode mode) {
        String stem = scratch.resolve(mode.cliName()).toString();
        return switch (mode) {
            case THREADS -> List.of(stem + ".jsonl", stem + ".csv", stem + ".sqlite", stem + ".warc.gz");
            case ASYNC -> List.of(stem + ".jsonl", stem + ".warc");
            default -> List.of(stem + ".jsonl");
        };
    }
}
