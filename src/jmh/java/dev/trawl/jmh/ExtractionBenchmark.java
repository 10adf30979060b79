package dev.trawl.jmh;

import dev.trawl.extract.Extractor;
import dev.trawl.fetch.FetchResult.Fetched;
import dev.trawl.frontier.CrawlUrl;
import dev.trawl.frontier.UrlNormalizer;
import dev.trawl.parse.Outline;
import dev.trawl.parse.PageParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One ~30 KB page: decoding + jsoup's DOM (what a crawl with extraction rules pays on top), decoding + the
 * outline scan, trawl's whole extraction (decode, outline, title, meta, links resolved and normalized), and
 * "jsoup alone" (parse + {@code a[href]} absUrl), the yardstick of the real-site benchmark.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ExtractionBenchmark {
    private final PageParser parser = PageParser.jsoup();
    private final Extractor extractor = new Extractor("trawl", new UrlNormalizer());
    private final CrawlUrl url = CrawlUrl.of(Pages.URL, 3);
    private Fetched response;
    private String html;

    @Setup
    public void setUp() {
        html = Pages.html();
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        response = new Fetched(Pages.URL, Instant.EPOCH, Duration.ofMillis(1), 200, Optional.of("text/html"),
                Optional.empty(), body, true, Optional.empty(), Optional.empty(), body.length);
    }

    @Benchmark
    public Document parse() {
        return parser.decode(response).document();
    }

    @Benchmark
    public Outline outline() {
        return parser.decode(response).outline();
    }

    @Benchmark
    public Object decodeAndExtract() {
        return extractor.extract(url, parser.decode(response), 1);
    }

    @Benchmark
    public void jsoupAlone(Blackhole sink) {
        Document doc = Jsoup.parse(new String(response.body(), StandardCharsets.UTF_8), Pages.URL);
        for (Element a : doc.select("a[href]")) {
            sink.consume(a.absUrl("href"));
        }
    }
}
