package dev.trawl.extract;

import dev.trawl.sink.CrawlRecord;
import java.util.List;

/**
 * What a consumer learns from one page: the record to write and the links to follow.
 *
 * @param record the page's record
 * @param links link targets to offer to the frontier, normalized (empty under meta robots nofollow)
 */
public record Extraction(CrawlRecord record, List<String> links) {
    public Extraction {
        links = List.copyOf(links);
    }
}
