package dev.trawl.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;
import java.util.stream.Stream;

/**
 * The seed URLs of a crawl, in the order first written and without duplicates, plus the lines that
 * were skipped. Problems are for showing to the user; they do not stop the crawl while any URL is
 * usable.
 *
 * @param urls absolute http(s) URLs, distinct, in first-seen order
 * @param problems skipped lines or arguments, in the order found
 */
public record Seeds(List<String> urls, List<SeedProblem> problems) {

    public Seeds {
        SequencedSet<String> distinct = new LinkedHashSet<>(urls);
        urls = List.copyOf(distinct);
        problems = List.copyOf(problems);
    }

    /** These seeds followed by {@code other}'s, a URL already here kept at its first position. */
    public Seeds plus(Seeds other) {
        return new Seeds(
                Stream.concat(urls.stream(), other.urls.stream()).toList(),
                Stream.concat(problems.stream(), other.problems.stream()).toList());
    }

    /** True when there is no URL to crawl. */
    public boolean isEmpty() {
        return urls.isEmpty();
    }
}
