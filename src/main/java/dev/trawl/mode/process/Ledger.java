package dev.trawl.mode.process;

import dev.trawl.config.CrawlConfig;
import dev.trawl.frontier.CrawlState;
import dev.trawl.frontier.CrawlUrl;
import dev.trawl.frontier.Transition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The coordinator's books: the crawl state ({@link CrawlState}: seen-set, depths, page budget, what is
 * outstanding), for each worker the URLs assigned to it and not yet recorded, the process now serving each
 * worker id, and whether the crawl is ending or stopping. A URL is outstanding from its admission to its
 * record; the crawl is over when nothing is.
 *
 * <p>Thread-safe: one lock guards everything. Methods decide and return what to act on (the process
 * to send to); callers send outside the lock.
 *
 * @param <W> the handle of a running worker ({@link WorkerProcess}; tests use strings)
 */
final class Ledger<W> {
    /** What to do about a worker whose process exited. */
    enum Verdict { DONE, RESTART, GIVE_UP }

    /** What a replacement process must be told: stop at once, the URLs to re-send, then end. */
    record Takeover(boolean stop, List<CrawlUrl> unfinished, boolean end) {}

    /** A URL to send to the process now serving the worker that owns its host. */
    record Send<W>(W to, CrawlUrl url) {}

    /** The crawl state's lock (see {@link CrawlState#lock()}): a job snapshots the state under it. */
    private final ReentrantLock lock;
    private final HostSharder sharder;
    private final CrawlState state;
    private final int maxRestarts;
    private final Set<String> hosts = new HashSet<>();
    private final List<Map<String, CrawlUrl>> unfinished = new ArrayList<>();
    private final List<W> current;
    private final int[] restarts;
    private boolean ending;
    private boolean stopping;

    Ledger(HostSharder sharder, CrawlConfig.Limits limits, int maxRestarts) {
        this(sharder, new CrawlState(limits), maxRestarts);
    }

    /** Books kept in {@code state}, perhaps restored from a job's journal (see {@link #resume()}). */
    Ledger(HostSharder sharder, CrawlState state, int maxRestarts) {
        this.sharder = sharder;
        this.state = state;
        this.lock = state.lock();
        this.maxRestarts = maxRestarts;
        this.current = new ArrayList<>();
        this.restarts = new int[sharder.workers()];
        for (int i = 0; i < sharder.workers(); i++) {
            unfinished.add(new LinkedHashMap<>());
            current.add(null);
        }
    }

    /** Worker {@code id} is now served by {@code worker}; what it must be told after its hello. */
    Takeover serve(int id, W worker) {
        lock.lock();
        try {
            current.set(id, worker);
            return new Takeover(stopping, List.copyOf(unfinished.get(id).values()), ending);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Offers a found URL to the crawl state: the sends to make, none if it was seen before at the same depth
     * or shallower, is over the page budget (then counted as not fetched), or the crawl is stopping. A URL
     * found shallower than before is sent again to its owner, which fetches it at the smaller depth.
     */
    List<Send<W>> assign(CrawlUrl url) {
        lock.lock();
        try {
            if (stopping) {
                return List.of();
            }
            return sends(state.apply(new Transition.Offer(url)));
        } finally {
            lock.unlock();
        }
    }

    /** The sends of the URLs the state holds as not done yet (a resumed job's): each to its owner. */
    List<Send<W>> resume() {
        lock.lock();
        try {
            return state.openUrls().stream().map(this::send).toList();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The record of {@code url} came from worker {@code id}, with its page's in-scope {@code links}: empty if
     * it was not outstanding there (a stray), else the sends its links lead to.
     *
     * @param fetched whether a request was made (a robots.txt disallow gives its page budget place back)
     */
    Optional<List<Send<W>>> recorded(int id, String url, boolean fetched, List<String> links) {
        lock.lock();
        try {
            if (unfinished.get(id).remove(url) == null) {
                return Optional.empty();
            }
            CrawlState.Effect effect = state.apply(new Transition.Complete(url, fetched, links));
            return Optional.of(stopping ? List.of() : sends(effect));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Worker {@code id} will try {@code url} again: the attempt is counted in the crawl state (journaled in a
     * job), and a replacement process is given the URL at that attempt. A URL not outstanding there is ignored.
     */
    void retrying(int id, String url) {
        lock.lock();
        try {
            if (unfinished.get(id).containsKey(url)) {
                state.apply(new Transition.Retry(url));
                state.current(url).ifPresent(now -> unfinished.get(id).put(url, now));
            }
        } finally {
            lock.unlock();
        }
    }

    private List<Send<W>> sends(CrawlState.Effect effect) {
        List<Send<W>> out = new ArrayList<>();
        for (CrawlUrl url : effect.admitted()) {
            out.add(send(url));
        }
        for (CrawlUrl url : effect.improved()) {
            out.add(send(url));
        }
        return out;
    }

    private Send<W> send(CrawlUrl url) {
        hosts.add(url.host());
        int worker = sharder.shardOf(url.host());
        unfinished.get(worker).put(url.url(), url);
        return new Send<>(current.get(worker), url);
    }

    /** The processes to send {@code end} to, if nothing is outstanding and the end has not begun yet. */
    List<W> endIfIdle() {
        lock.lock();
        try {
            if (ending || stopping || !state.isIdle()) {
                return List.of();
            }
            ending = true;
            return List.copyOf(current);
        } finally {
            lock.unlock();
        }
    }

    /** The processes to send {@code stop} to, the first time only. */
    List<W> stop() {
        lock.lock();
        try {
            if (stopping) {
                return List.of();
            }
            stopping = true;
            return List.copyOf(current);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Worker {@code id}'s process is gone: DONE if the crawl is stopping (or {@code failed}) or ending
     * with nothing left there; else RESTART, or GIVE_UP past the restart limit.
     */
    Verdict exited(int id, boolean failed) {
        lock.lock();
        try {
            if (stopping || failed || (ending && unfinished.get(id).isEmpty())) {
                return Verdict.DONE;
            }
            return ++restarts[id] > maxRestarts ? Verdict.GIVE_UP : Verdict.RESTART;
        } finally {
            lock.unlock();
        }
    }

    /** Times worker {@code id} was restarted or found dead. */
    int restarts(int id) {
        lock.lock();
        try {
            return restarts[id];
        } finally {
            lock.unlock();
        }
    }

    /** The process serving each worker id. */
    List<W> current() {
        lock.lock();
        try {
            return List.copyOf(current);
        } finally {
            lock.unlock();
        }
    }

    /** The figures of a progress line or summary, read together. */
    record Figures(long outstanding, int hosts, long droppedOverBudget, boolean stopping) {}

    Figures figures() {
        lock.lock();
        try {
            return new Figures(state.outstanding(), hosts.size(), state.droppedOverBudget(), stopping);
        } finally {
            lock.unlock();
        }
    }
}
