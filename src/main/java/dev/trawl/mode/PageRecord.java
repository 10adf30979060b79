package dev.trawl.mode;

import dev.trawl.extract.Extraction;
import dev.trawl.extract.Extractor;
import dev.trawl.extract.FieldExtractor;
import dev.trawl.frontier.CrawlUrl;
import dev.trawl.parse.Outline;
import dev.trawl.parse.Page;
import dev.trawl.sink.CrawlRecord;

/**
 * Makes the record of a decoded page — built-in fields and links ({@link Extractor}, from the page's outline),
 * the config's extraction fields ({@link FieldExtractor}: gathered in the outline's pass when every rule allows,
 * else from jsoup's DOM),
 * the normalized outlinks — the same way for a live crawl and for {@code trawl export}. The built-in fields
 * come from the outline with or without rules, so adding a rule never changes them. Immutable and thread-safe.
 */
final class PageRecord {
    private final Extractor extractor;
    private final FieldExtractor fields;

    PageRecord(Extractor extractor, FieldExtractor fields) {
        this.extractor = extractor;
        this.fields = fields;
    }

    /** The record and links of {@code page}, fetched for {@code url} after {@code attempts} requests. */
    Extraction extract(CrawlUrl url, Page page, int attempts) {
        // one pass reads the outline and, when the rules allow, their values (otherwise the DOM answers)
        Outline outline = fields.probes().isEmpty() ? page.outline() : page.outline(fields.probes());
        Extraction extraction = extractor.extract(url, page, outline, attempts);
        CrawlRecord.Builder record = extraction.record().toBuilder().links(extraction.links());
        if (!fields.isEmpty()) {
            record.fields(fields.extract(url.url(), outline, page::document));
        }
        return new Extraction(record.build(), extraction.links());
    }

    /** {@code record} with every extraction field null or [] (nothing was parsed), so all records have the same columns. */
    CrawlRecord withEmptyFields(CrawlRecord record) {
        return fields.isEmpty() || !record.fields().isEmpty() ? record : record.toBuilder().fields(fields.none()).build();
    }
}
