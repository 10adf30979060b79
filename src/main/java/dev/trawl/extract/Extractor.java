package dev.trawl.extract;

import dev.trawl.fetch.FetchResult.Fetched;
import dev.trawl.frontier.CrawlUrl;
import dev.trawl.parse.Page;
import dev.trawl.sink.CrawlRecord;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Turns a parsed page into its record and its links: title, meta description, language, canonical,
 * meta robots ({@code noindex}, {@code nofollow}, {@code none}, for all robots or for this crawler's
 * token). Stateless and thread-safe.
 */
public final class Extractor {
    private final LinkExtractor links = new LinkExtractor();
    private final String robotName;

    /** @param robotName this crawler's robots token, for {@code <meta name="trawl" content="nofollow">} */
    public Extractor(String robotName) {
        this.robotName = robotName.toLowerCase(Locale.ROOT);
    }

    /** The record and links of {@code page}, fetched for {@code url} after {@code attempts} requests. */
    public Extraction extract(CrawlUrl url, Page page, int attempts) {
        Document doc = page.document();
        Fetched response = page.response();
        String robots = metaRobots(doc);
        boolean noindex = robots.contains("noindex") || robots.contains("none");
        boolean nofollow = robots.contains("nofollow") || robots.contains("none");
        List<String> found = links.links(doc);
        CrawlRecord record = new CrawlRecord(
                url.url(),
                url.url(),
                OptionalInt.of(response.status()),
                response.contentType(),
                url.depth(),
                response.startedAt(),
                response.elapsed().toMillis(),
                response.body().length,
                text(doc.title()),
                attr(doc.selectFirst("meta[name=description]"), "content"),
                attr(doc.selectFirst("html[lang]"), "lang"),
                absAttr(doc.selectFirst("link[rel=canonical][href]"), "href"),
                Optional.of(page.charset().name()),
                found.size(),
                noindex,
                nofollow,
                attempts,
                Optional.empty(),
                Optional.empty());
        return new Extraction(record, nofollow ? List.of() : found);
    }

    private String metaRobots(Document doc) {
        StringBuilder directives = new StringBuilder();
        for (Element meta : doc.select("meta[name][content]")) {
            String name = meta.attr("name").toLowerCase(Locale.ROOT);
            if (name.equals("robots") || name.equals(robotName)) {
                directives.append(meta.attr("content").toLowerCase(Locale.ROOT)).append(',');
            }
        }
        return directives.toString();
    }

    private static Optional<String> text(String value) {
        String trimmed = value.strip();
        return trimmed.isEmpty() ? Optional.empty() : Optional.of(trimmed);
    }

    private static Optional<String> attr(Element element, String name) {
        return element == null ? Optional.empty() : text(element.attr(name));
    }

    private static Optional<String> absAttr(Element element, String name) {
        return element == null ? Optional.empty() : text(element.absUrl(name));
    }
}
