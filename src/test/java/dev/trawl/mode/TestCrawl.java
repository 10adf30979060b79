package dev.trawl.mode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.config.ConfigLoader;
import dev.trawl.config.ConfigOverride;
import dev.trawl.config.CrawlConfig;
import dev.trawl.fetch.Fetcher;
import dev.trawl.sink.Sink;
import dev.trawl.stats.Summary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a whole in-process crawl for a test and reads back its JSONL records. */
final class TestCrawl {
    private static final ObjectMapper JSON = new ObjectMapper();

    final Summary summary;
    final List<JsonNode> records;

    TestCrawl(Summary summary, List<JsonNode> records) {
        this.summary = summary;
        this.records = records;
    }

    /** Loopback-friendly config (no delay, robots on, retries quick) with {@code overrides} ("key=value"). */
    static CrawlConfig config(Path out, String... overrides) {
        List<ConfigOverride> list = new ArrayList<>(List.of(
                ConfigOverride.of("politeness.delay", "0"),
                ConfigOverride.of("politeness.per-host", "4"),
                ConfigOverride.of("limits.max-pages", "100000"),
                ConfigOverride.of("limits.max-depth", "1000"),
                ConfigOverride.of("fetch.retry-backoff", "10ms"),
                ConfigOverride.of("fetch.read-timeout", "2s"),
                ConfigOverride.of("fetch.call-timeout", "5s"),
                ConfigOverride.of("output.out", out.toString()),
                ConfigOverride.of("output.progress", "off")));
        for (String override : overrides) {
            int eq = override.indexOf('=');
            list.add(ConfigOverride.of(override.substring(0, eq), override.substring(eq + 1)));
        }
        return ConfigLoader.load(java.util.Optional.empty(), list);
    }

    /** Crawls {@code seeds} to the end (at most a minute) and reads the records. */
    static TestCrawl run(CrawlConfig config, List<String> seeds) throws Exception {
        try (Fetcher fetcher = Pipeline.fetcherFor(config, seeds, java.util.Optional.empty());
                Sink sink = Sink.jsonl(config.output().outs().get(0))) {
            Pipeline pipeline = Pipeline.start(config, seeds, fetcher, sink);
            Summary summary = CompletableFuture.supplyAsync(() -> {
                try {
                    return pipeline.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }).get(60, TimeUnit.SECONDS);
            sink.close();
            return new TestCrawl(summary, read(config.output().outs().get(0)));
        }
    }

    static List<JsonNode> read(Path jsonl) {
        try {
            List<JsonNode> out = new ArrayList<>();
            for (String line : Files.readAllLines(jsonl)) {
                out.add(JSON.readTree(line));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** URL → status (0 when no response) of every record. */
    Map<String, Integer> statuses() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (JsonNode r : records) {
            out.put(r.get("url").asText(), r.get("status").isNull() ? 0 : r.get("status").asInt());
        }
        return out;
    }

    JsonNode record(String url) {
        return records.stream().filter(r -> r.get("url").asText().equals(url)).findFirst()
                .orElseThrow(() -> new AssertionError("no record for " + url + " in " + statuses().keySet()));
    }
}
