package dev.trawl.frontier;

import java.util.List;
import java.util.Objects;

/**
 * A change to the {@link CrawlState}, as a value: what a journal writes and replays, and what a store
 * shared by many machines would apply atomically. Immutable.
 */
public sealed interface Transition {

    /** A URL found: a seed (depth 0), a link (its page's depth + 1) or a redirect target (its source's depth). */
    record Offer(CrawlUrl url) implements Transition {
        public Offer {
            Objects.requireNonNull(url, "url");
        }
    }

    /** An admitted URL handed to a fetcher. */
    record Lease(String url) implements Transition {
        public Lease {
            Objects.requireNonNull(url, "url");
        }
    }

    /** A leased URL given back unanswered (the crawl stops, or the worker holding it died): it is to do again. */
    record Release(String url) implements Transition {
        public Release {
            Objects.requireNonNull(url, "url");
        }
    }

    /** A leased URL whose request failed and will be tried again; it stays outstanding. */
    record Retry(String url) implements Transition {
        public Retry {
            Objects.requireNonNull(url, "url");
        }
    }

    /**
     * A URL's record is written.
     *
     * @param fetched whether a request was made (false for a robots.txt disallow or a host given up; such a
     *     URL gives its place in the page budget back)
     * @param links the page's in-scope links, normalized, to be offered at the URL's depth + 1
     */
    record Complete(String url, boolean fetched, List<String> links) implements Transition {
        public Complete {
            Objects.requireNonNull(url, "url");
            links = List.copyOf(links);
        }
    }
}
