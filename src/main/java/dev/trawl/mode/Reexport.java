package dev.trawl.mode;

import dev.trawl.config.CrawlConfig;
import dev.trawl.extract.Extractor;
import dev.trawl.extract.FieldExtractor;
import dev.trawl.fetch.FetchResult;
import dev.trawl.frontier.CrawlUrl;
import dev.trawl.frontier.UrlNormalizer;
import dev.trawl.parse.Page;
import dev.trawl.parse.PageParser;
import dev.trawl.robots.RobotsPolicy;
import dev.trawl.sink.CrawlRecord;
import dev.trawl.sink.Sink;
import dev.trawl.sink.WarcSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code trawl export}: the records of a past crawl written again from its WARC files, no server touched.
 *
 * <p>From trawl's WARC files, each stored crawl record comes back with what the crawl knew beyond HTTP
 * (depth, attempts, errors, redirect targets); a 2xx HTML page's record is then made again from its
 * archived response — parsed as the crawl parses (charset included), built-in fields and the current
 * {@code extract.fields} rules applied — so changed rules give new fields and unchanged ones the same
 * record as the live crawl. From another tool's WARC files, every HTTP response becomes a record (depth 0,
 * one attempt); robots.txt responses are left out, and a URL archived twice gives its first response.
 *
 * <p>Not thread-safe: one run on the calling thread.
 */
public final class Reexport {
    private final PageParser parser = PageParser.jsoup();
    private final UrlNormalizer normalizer = new UrlNormalizer();
    private final PageRecord pages;
    private final Sink sink;
    private final long maxBodyBytes;
    /** The latest archived response of each URL whose crawl record has not come yet (trawl's files). */
    private final Map<String, FetchResult.Fetched> pending = new HashMap<>();
    private final Set<String> seen = new HashSet<>();
    private boolean trawlFile;
    private long records;
    private long parsed;

    /**
     * @param records records written
     * @param parsed of which pages parsed again from their archived response
     */
    public record Result(long records, long parsed) {}

    private Reexport(CrawlConfig config, Sink sink) {
        this.pages = new PageRecord(new Extractor(RobotsPolicy.productToken(config.fetch().userAgent()), normalizer),
                FieldExtractor.compile(config.extract().fields()));
        this.sink = sink;
        this.maxBodyBytes = config.fetch().maxBodyBytes();
    }

    /** Reads {@code files} in order and writes every record to {@code sink}. */
    public static Result run(CrawlConfig config, List<Path> files, Sink sink) {
        Reexport export = new Reexport(config, sink);
        for (Path file : files) {
            export.trawlFile = false;
            WarcSource.read(file, export.maxBodyBytes, export::accept);
        }
        return new Result(export.records, export.parsed);
    }

    private void accept(WarcSource.Item item) {
        switch (item) {
            case WarcSource.Info info -> trawlFile = info.trawl();
            case WarcSource.Response response when trawlFile -> pending.put(response.fetched().url(), response.fetched());
            case WarcSource.Response response -> foreign(response);
            case WarcSource.Stored stored -> stored(stored.record());
        }
    }

    /** A crawl record trawl stored: the record again, its page re-parsed from the archived response. */
    private void stored(CrawlRecord record) {
        Optional<FetchResult.Fetched> response = Optional.ofNullable(pending.remove(record.url()));
        boolean page = record.error().isEmpty() && record.status().orElse(0) / 100 == 2
                && response.isPresent() && response.get().isHtml();
        if (!page) {
            emit(pages.withEmptyFields(record));
            return;
        }
        FetchResult.Fetched live = response.get();
        // the crawl's own timing, so the record is the one the crawl wrote
        FetchResult.Fetched fetched = new FetchResult.Fetched(live.url(), record.fetchedAt(),
                Duration.ofMillis(record.elapsedMillis()), live.status(), live.contentType(), live.headerCharset(),
                live.body(), live.bodyRead(), live.location(), live.retryAfter(), live.wireBytes());
        emit(parse(CrawlUrl.of(record.url(), record.depth()), fetched, record.attempts()).orElse(record));
    }

    /** A response from another tool's WARC: the record the crawl would have written for it. */
    private void foreign(WarcSource.Response response) {
        FetchResult.Fetched fetched = response.fetched();
        Optional<String> url = normalizer.normalize(fetched.url());
        if (url.isEmpty() || url.get().endsWith("/robots.txt") || !seen.add(url.get())) {
            return;
        }
        CrawlUrl crawlUrl = CrawlUrl.of(url.get(), 0);
        if (fetched.status() / 100 == 2 && fetched.isHtml()) {
            Optional<CrawlRecord> record = parse(crawlUrl, fetched, 1);
            if (record.isPresent()) {
                emit(record.get());
                return;
            }
        }
        String finalUrl = fetched.location()
                .flatMap(location -> normalizer.base(url.get()).flatMap(base -> normalizer.resolve(base, location)))
                .orElse(url.get());
        CrawlRecord record = Records.redirect(crawlUrl, fetched, finalUrl, 1);
        emit(pages.withEmptyFields(record));
    }

    private Optional<CrawlRecord> parse(CrawlUrl url, FetchResult.Fetched fetched, int attempts) {
        Page page;
        try {
            page = parser.decode(fetched);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        parsed++;
        return Optional.of(pages.extract(url, page, attempts).record());
    }

    private void emit(CrawlRecord record) {
        sink.write(record);
        records++;
    }
}
