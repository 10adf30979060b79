package dev.trawl.jmh;

import dev.trawl.config.CrawlConfig;
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
 * (jsoup's absUrl -- a regex and java.net.URL per link -- then normalizing the absolute URL), and the single
 * pass with a crawl's default rules (session ids stripped from query and path, query sorted), as a crawl
 * runs it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class LinkResolutionBenchmark {
    private final UrlNormalizer normalizer = new UrlNormalizer();
    private final UrlNormalizer crawlRules = UrlNormalizer.forCrawl(CrawlConfig.defaults().limits().traps());
    private List<String> hrefs;
    /** The same links as a servlet container rewrites them for a client without cookies: a session id in each path. */
    private List<String> sessionHrefs;
    private Base base;
    private Base crawlBase;

    @Setup
    public void setUp() {
        hrefs = Pages.hrefs();
        base = normalizer.base(Pages.URL).orElseThrow();
        crawlBase = crawlRules.base(Pages.URL).orElseThrow();
        sessionHrefs = hrefs.stream().map(href -> {
            int end = href.indexOf('#') >= 0 ? href.indexOf('#') : href.indexOf('?') >= 0 ? href.indexOf('?') : href.length();
            return href.startsWith("../") || href.endsWith(".html") ? href.substring(0, end) + ";jsessionid=9F3A1C0D7E2B4A68"
                    + href.substring(end) : href;
        }).toList();
    }

    @Benchmark
    public void singlePassWithCrawlRulesSessionIdInEveryPath(Blackhole sink) {
        for (String href : sessionHrefs) {
            sink.consume(crawlRules.resolve(crawlBase, href));
        }
    }

    @Benchmark
    public void singlePassWithCrawlRules(Blackhole sink) {
        for (String href : hrefs) {
            sink.consume(crawlRules.resolve(crawlBase, href));
        }
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
