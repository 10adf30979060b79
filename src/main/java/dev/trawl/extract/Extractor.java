package dev.trawl.extract;

import dev.trawl.fetch.ContentTypes;
import dev.trawl.fetch.FetchResult.Fetched;
import dev.trawl.frontier.CrawlUrl;
import dev.trawl.frontier.UrlNormalizer;
import dev.trawl.frontier.UrlNormalizer.Base;
import dev.trawl.parse.Outline;
import dev.trawl.parse.Page;
import dev.trawl.sink.CrawlRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a page's {@link Outline} (no DOM is built) into its record and its links: title, meta description, language, canonical,
 * robots directives from meta robots and the {@code X-Robots-Tag} header ({@code noindex},
 * {@code nofollow}, {@code none}, for all robots or for this crawler's token; see
 * {@link RobotsDirectives}). Stateless and thread-safe.
 */
public final class Extractor {
    private final UrlNormalizer normalizer;
    private final LinkExtractor links;
    private final String robotName;

    /**
     * @param robotName this crawler's robots token, for {@code <meta name="trawl" content="nofollow">}
     * @param normalizer the crawl's one normalizer: links come out in the form the seen-set compares
     */
    public Extractor(String robotName, UrlNormalizer normalizer) {
        this.robotName = robotName.toLowerCase(Locale.ROOT);
        this.normalizer = normalizer;
        this.links = new LinkExtractor(normalizer);
    }

    /** The robots token this extractor obeys, lower case. */
    public String robotName() {
        return robotName;
    }

    /** The record and links of {@code page}, fetched for {@code url} after {@code attempts} requests. */
    public Extraction extract(CrawlUrl url, Page page, int attempts) {
        return extract(url, page, page.outline(), attempts);
    }

    /** The record and links of {@code page}, whose outline the caller has read already. */
    public Extraction extract(CrawlUrl url, Page page, Outline outline, int attempts) {
        Fetched response = page.response();
        // links are followed from HTML only (or a body without a type, sniffed as HTML), never from text or XML
        boolean isHtml = response.contentType().map(ContentTypes::isHtml).orElse(true);
        Scan scan = scan(outline, base(outline, url), isHtml);
        RobotsDirectives robots = RobotsDirectives.of(scan.robots.toString())
                .and(RobotsDirectives.fromHeaders(response.robotsTags(), robotName));
        boolean noindex = robots.noindex();
        boolean nofollow = robots.nofollow();
        CrawlRecord record = CrawlRecord.builder(url.url(), url.depth())
                .response(response)
                .title(text(outline.title()))
                .description(scan.description)
                .language(text(outline.language()))
                .canonical(scan.canonical)
                .charset(Optional.of(page.charset().name()))
                .outlinks(scan.links.size())
                .noindex(noindex)
                .nofollow(nofollow)
                .attempts(attempts)
                .build();
        return new Extraction(record, nofollow ? List.of() : scan.links);
    }

    /** What one pass over the elements finds. */
    private static final class Scan {
        final List<String> links = new ArrayList<>();
        final StringBuilder robots = new StringBuilder();
        Optional<String> description = Optional.empty();
        Optional<String> canonical = Optional.empty();
    }

    /** One walk over the outline's tags, in document order. */
    private Scan scan(Outline outline, Base base, boolean followLinks) {
        Scan scan = new Scan();
        for (Outline.Tag tag : outline.tags()) {
            switch (tag.name()) {
                case "meta" -> meta(tag, scan);
                case "link" -> {
                    if (scan.canonical.isEmpty() && tag.attr("rel").equalsIgnoreCase("canonical")) {
                        scan.canonical = normalizer.resolve(base, tag.attr("href"));
                    }
                }
                default -> {
                    if (followLinks) {
                        links.link(tag, base).ifPresent(scan.links::add);
                    }
                }
            }
        }
        return scan;
    }

    /**
     * What the page's links resolve against: the outline's base URI (the first {@code <base href>},
     * resolved against the page's URL, as jsoup sets it), else the page's URL.
     */
    private Base base(Outline outline, CrawlUrl url) {
        return normalizer.base(outline.baseUri())
                .or(() -> normalizer.base(url.url()))
                .orElseThrow(() -> new IllegalArgumentException("not an http(s) URL: " + url.url()));
    }

    private void meta(Outline.Tag meta, Scan scan) {
        String name = meta.attr("name").toLowerCase(Locale.ROOT);
        if (name.equals("description") && scan.description.isEmpty()) {
            scan.description = text(meta.attr("content"));
        } else if (name.equals("robots") || name.equals(robotName)) {
            scan.robots.append(meta.attr("content").toLowerCase(Locale.ROOT)).append(',');
        }
    }

    private static Optional<String> text(String value) {
        String trimmed = value.strip();
        return trimmed.isEmpty() ? Optional.empty() : Optional.of(trimmed);
    }

}
