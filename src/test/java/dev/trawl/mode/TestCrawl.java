package dev.trawl.mode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.config.ConfigLoader;
import dev.trawl.config.ConfigOverride;
import dev.trawl.config.CrawlConfig;
import dev.trawl.fetch.Fetcher;
import dev.trawl.sim.SimWeb;
import dev.trawl.sink.Sink;
import dev.trawl.stats.Summary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;

/** Runs a whole in-process crawl for a test and reads back its JSONL records. */
final class TestCrawl {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A MockWebServer answer: {@code body} as {@code text/html}. */
    static MockResponse html(String body) {
        return new MockResponse.Builder().setHeader("Content-Type", "text/html").body(body).build();
    }

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
            dev.trawl.audit.AuditAssert.assertPolite(summary);
            return new TestCrawl(summary, read(config.output().outs().get(0)));
        }
    }

    /**
     * For a host crawled one request at a time ({@code politeness.per-host=1}): how long after each response
     * started the next request arrived, as the server stamped both ({@link SimWeb#responseStartNanos}). The
     * frontier lets a host's next request start no sooner than its delay after the previous one ended, and a
     * request ends after its response started, so each gap is at least the delay on any machine.
     */
    static List<Duration> gapsAfterResponses(SimWeb web, String origin) {
        List<Long> arrivals = web.requestStartNanos(origin);
        List<Long> responses = web.responseStartNanos(origin);
        if (responses.size() != arrivals.size()) {
            throw new AssertionError(origin + ": " + arrivals.size() + " requests but " + responses.size()
                    + " responses; the crawl ended with requests unanswered");
        }
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < arrivals.size(); i++) {
            gaps.add(Duration.ofNanos(arrivals.get(i) - responses.get(i - 1)));
        }
        return gaps;
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
