package dev.trawl.jmh;

import dev.trawl.frontier.UrlNormalizer;
import dev.trawl.frontier.UrlNormalizer.Base;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jsoup.internal.StringUtil;
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
 * One page's links (about 90), resolved and normalized: trawl's single pass against the path it replaced
 * (jsoup's absUrl -- a regex and java.net.URL per link -- then normalizing the absolute URL).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class LinkResolutionBenchmark {
    private final UrlNormalizer normalizer = new UrlNormalizer();
    private List<String> hrefs;
    private Base base;

    @Setup
    public void setUp() {
        hrefs = Pages.hrefs();
        base = normalizer.base(Pages.URL).orElseThrow();
    }

    @Benchmark
    public void singlePass(Blackhole sink) {
        for (String href : hrefs) {
            sink.consume(normalizer.resolve(base, href));
        }
    }

    @Benchmark
    public void absUrlThenNormalize(Blackhole sink) {
        for (String href : hrefs) {
            String absolute = StringUtil.resolve(Pages.URL, href);
            sink.consume(absolute.startsWith("http") ? normalizer.normalize(absolute) : absolute);
        }
    }
}
