package dev.trawl.mode.process;

import dev.trawl.frontier.CrawlUrl;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The coordinator's books: the crawl-wide seen-set of normalized URLs, the page budget, and for each
 * worker the URLs assigned to it and not yet recorded. A URL is outstanding from its assignment to its
 * record; the crawl is over when nothing is. Not thread-safe: the {@link Coordinator} guards it with its lock.
 */
final class Ledger {
    private final HostSharder sharder;
    private final long maxPages;
    private final Set<String> seen = new HashSet<>();
    private final Set<String> hosts = new HashSet<>();
    private final List<Map<String, CrawlUrl>> unfinished = new ArrayList<>();
    private long assigned;
    private long outstanding;
    private long droppedOverBudget;

    Ledger(HostSharder sharder, long maxPages) {
        this.sharder = sharder;
        this.maxPages = maxPages;
        for (int i = 0; i < sharder.workers(); i++) {
            unfinished.add(new LinkedHashMap<>());
        }
    }

    /**
     * Assigns a newly found URL to the worker owning its host: empty if it was seen before, or if the
     * page budget is spent (then it is counted as not fetched over budget).
     */
    OptionalInt assign(CrawlUrl url) {
        if (!seen.add(url.url())) {
            return OptionalInt.empty();
        }
        if (assigned >= maxPages) {
            droppedOverBudget++;
            return OptionalInt.empty();
        }
        assigned++;
        outstanding++;
        hosts.add(url.host());
        int worker = sharder.shardOf(url.host());
        unfinished.get(worker).put(url.url(), url);
        return OptionalInt.of(worker);
    }

    /** The record of {@code url} came from {@code worker}: false if it was not outstanding there. */
    boolean recorded(int worker, String url) {
        if (unfinished.get(worker).remove(url) == null) {
            return false;
        }
        outstanding--;
        return true;
    }

    /** What {@code worker} was given and has not recorded, in assignment order; it stays outstanding. */
    List<CrawlUrl> unfinished(int worker) {
        return List.copyOf(unfinished.get(worker).values());
    }

    /** URLs assigned and not yet recorded, over all workers. */
    long outstanding() {
        return outstanding;
    }

    long droppedOverBudget() {
        return droppedOverBudget;
    }

    int hosts() {
        return hosts.size();
    }
}
