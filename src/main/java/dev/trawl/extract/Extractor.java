package dev.trawl.extract;

import dev.trawl.fetch.ContentTypes;
import dev.trawl.fetch.FetchResult.Fetched;
import dev.trawl.frontier.CrawlUrl;
import dev.trawl.frontier.UrlNormalizer;
import dev.trawl.frontier.UrlNormalizer.Base;
import dev.trawl.parse.Page;
import dev.trawl.sink.CrawlRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Turns a parsed page into its record and its links: title, meta description, language, canonical,
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
        Document doc = page.document();
        Fetched response = page.response();
        // links are followed from HTML only (or a body without a type, sniffed as HTML), never from text or XML
        boolean isHtml = response.contentType().map(ContentTypes::isHtml).orElse(true);
        Scan scan = scan(doc, base(doc, url), isHtml);
        RobotsDirectives robots = RobotsDirectives.of(scan.robots.toString())
                .and(RobotsDirectives.fromHeaders(response.robotsTags(), robotName));
        boolean noindex = robots.noindex();
        boolean nofollow = robots.nofollow();
        Element html = doc.firstElementChild();
        CrawlRecord record = CrawlRecord.builder(url.url(), url.depth())
                .response(response)
                .title(text(doc.title()))
                .description(scan.description)
                .language(html == null ? Optional.empty() : text(html.attr("lang")))
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

    /** One walk over the document (a page has thousands of elements; one pass, not one per field). */
    private Scan scan(Document doc, Base base, boolean followLinks) {
        Scan scan = new Scan();
        for (Element element : doc.getAllElements()) {
            switch (element.normalName()) {
                case "meta" -> meta(element, scan);
                case "link" -> {
                    if (scan.canonical.isEmpty() && element.attr("rel").equalsIgnoreCase("canonical")) {
                        scan.canonical = normalizer.resolve(base, element.attr("href"));
                    }
                }
                default -> {
                    if (followLinks) {
                        links.link(element, base).ifPresent(scan.links::add);
                    }
                }
            }
        }
        return scan;
    }

    /**
     * What the page's links resolve against: the document's base URI, which jsoup sets from the first
     * {@code <base href>} (resolved against the page's URL), else the page's URL.
     */
    private Base base(Document doc, CrawlUrl url) {
        return normalizer.base(doc.baseUri())
                .or(() -> normalizer.base(url.url()))
                .orElseThrow(() -> new IllegalArgumentException("not an http(s) URL: " + url.url()));
    }

    private void meta(Element meta, Scan scan) {
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
