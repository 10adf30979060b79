package dev.trawl.frontier;

import dev.trawl.config.CrawlConfig;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one owner of a crawl's state, in every mode: the seen-set, each URL's depth, the page budget, what
 * is outstanding, and so the end. The in-process {@link MemoryFrontier} and the processes-mode coordinator
 * both keep their books here; politeness and host queues stay with them. Pure: {@link #apply} takes a
 * {@link Transition} and returns an {@link Effect} saying what to queue, and does nothing else, so that
 * transitions can be journaled and replayed.
 *
 * <p><b>Depth</b> is the shortest link distance from a seed, whatever order pages arrive in. A URL found
 * again at a smaller depth takes it: if it waits, it waits at the new depth; if its page is done, its
 * links are offered again one hop deeper than the new depth (its links are kept until no shorter path to
 * it can appear, i.e. while an open URL is at least two hops shallower). A link past
 * {@code limits.max-depth} is not admitted, but is offered again if its page's depth shrinks.
 *
 * <p><b>The page budget</b> counts URLs that are (or will be) requested: a URL takes a place when admitted
 * and gives it back if it turns out not to be fetched (robots.txt forbids it, its host is given up). URLs
 * found once the budget is spent wait, as many as could still get a place back, and are dropped when it
 * is clear they never will. So {@code --max-pages N} fetches N pages in every mode.
 *
 * <p><b>Trap budgets</b> ({@link TrapGuard}: pages per host, query variants per path) are checked when a URL
 * is leased ({@link #lease}) and counted then, so that requests in flight count. What a snapshot and the
 * journal keep is the count of URLs fetched (completed): a URL leased and not done when the crawl stopped
 * is counted, and checked, again when it is leased after a resume, as a first try would be.
 *
 * <p><b>Retries</b> are counted: a URL tried again keeps its attempt number here (and so in a snapshot and
 * the journal), so a resumed crawl does not give it its full retries again.
 *
 * <p>Thread-safety: guarded by {@link #lock()}. Its owner (the in-process frontier, the processes-mode
 * ledger) takes that same lock as its own around its decisions, so that a job can take it too and see the
 * state and its journal at one consistent point ({@link #writeTo}). The methods here take it themselves
 * (it is reentrant), so a caller that holds it pays nothing more.
 */
public final class CrawlState {
    private static final byte OPEN = 1;
    private static final byte LEASED = 2;
    private static final byte DONE = 3;
    private static final byte WAITING = 4;
    private static final byte DROPPED = 5;

    /** The most a depth can be: depths are kept in 16 bits. */
    public static final int MAX_DEPTH = 65_000;

    /**
     * What a transition led to.
     *
     * @param verdict for an offer, what became of the URL; else {@link Admission#ADMITTED}
     * @param admitted URLs newly admitted: queue them
     * @param improved URLs already queued or leased whose depth shrank (shown at their new depth)
     */
    public record Effect(Admission verdict, List<CrawlUrl> admitted, List<CrawlUrl> improved) {
        static final Effect NONE = new Effect(Admission.ADMITTED, List.of(), List.of());

        public Effect {
            admitted = List.copyOf(admitted);
            improved = List.copyOf(improved);
        }
    }

    private final long maxPages;
    private final int maxDepth;
    private final TrapGuard traps;
    /** URLs leased and counted against the trap budgets, not done yet (a snapshot leaves their counts out). */
    private final Set<String> counted = new HashSet<>();
    private final SeenTable seen = new SeenTable();
    /** Admitted and not yet done, at their current depth. */
    private final Map<String, CrawlUrl> open = new HashMap<>();
    /** Found once the budget was spent, oldest first; at most as many as are outstanding. */
    private final LinkedHashMap<String, CrawlUrl> waiting = new LinkedHashMap<>();
    /** Open and waiting URLs per depth: the shallowest bounds how far any depth can still shrink. */
    private final long[] openAtDepth;
    /** The links of done pages whose depth might still shrink, by the page's depth. */
    private final TreeMap<Integer, Map<String, List<String>>> links = new TreeMap<>();
    /** The smallest depth with an open or waiting URL (maxDepth + 1 if none), maintained incrementally. */
    private int shallowest;
    private long budgetUsed;
    private long dropped;
    /** Whether the transition being applied changed anything (else it is not worth a journal line). */
    private boolean changed;
    private java.util.function.Consumer<Transition> journal = transition -> { };
    private final ReentrantLock lock = new ReentrantLock();

    /** The state of a crawl under {@code limits}: page budget, depth and trap budgets. */
    public CrawlState(CrawlConfig.Limits limits) {
        this(limits.maxPages(), limits.maxDepth(), limits.traps());
    }

    /** With the default trap budgets. */
    public CrawlState(long maxPages, int maxDepth) {
        this(maxPages, maxDepth, CrawlConfig.Traps.DEFAULTS);
    }

    /**
     * @param maxPages the page budget
     * @param maxDepth the deepest a URL may be and still be fetched
     * @param traps the trap budgets checked at {@link #lease}
     */
    public CrawlState(long maxPages, int maxDepth, CrawlConfig.Traps traps) {
        if (maxPages < 1) {
            throw new IllegalArgumentException("maxPages must be at least 1: " + maxPages);
        }
        if (maxDepth < 0 || maxDepth > MAX_DEPTH) {
            throw new IllegalArgumentException("maxDepth must be between 0 and " + MAX_DEPTH + ": " + maxDepth);
        }
        this.maxPages = maxPages;
        this.maxDepth = maxDepth;
        this.traps = new TrapGuard(traps);
        this.openAtDepth = new long[maxDepth + 2];
        this.shallowest = maxDepth + 1;
    }

    /**
     * The lock guarding this state: its owner's lock too (see the class comment). Held by whoever needs
     * several calls to see one state, e.g. a job writing a snapshot at the journal's current end.
     */
    public ReentrantLock lock() {
        return lock;
    }

    /**
     * From now on, hands every offer, retry and completion that changes the state to {@code journal}, in
     * the order applied and under {@link #lock()}; replaying them into a state restored from the same
     * starting point gives this state again. Leases and releases are not handed on: after a restart, every
     * URL not done is to do.
     */
    public void journalTo(java.util.function.Consumer<Transition> journal) {
        lock.lock();
        try {
            this.journal = journal;
        } finally {
            lock.unlock();
        }
    }

    /** Applies one transition. */
    public Effect apply(Transition transition) {
        lock.lock();
        try {
            changed = false;
            Effect effect = switch (transition) {
                case Transition.Offer offer -> offer(offer.url());
                case Transition.Lease lease -> mark(lease.url(), OPEN, LEASED);
                case Transition.Release release -> release(release.url());
                case Transition.Retry retry -> retry(retry.url());
                case Transition.Complete complete -> complete(complete);
            };
            if (changed) {
                journal.accept(transition);
            }
            return effect;
        } finally {
            lock.unlock();
        }
    }

    /** The URL as it is now (its current depth and attempt), if it is admitted and not done. */
    public Optional<CrawlUrl> current(String url) {
        lock.lock();
        try {
            return Optional.ofNullable(open.get(url));
        } finally {
            lock.unlock();
        }
    }

    /** Whether nothing is outstanding: the crawl is over unless more URLs come from outside. */
    public boolean isIdle() {
        lock.lock();
        try {
            return open.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** URLs admitted and not yet done. */
    public long outstanding() {
        lock.lock();
        try {
            return open.size();
        } finally {
            lock.unlock();
        }
    }

    /** URLs found and left unfetched because the page budget was spent. */
    public long droppedOverBudget() {
        lock.lock();
        try {
            return dropped + waiting.size();
        } finally {
            lock.unlock();
        }
    }

    /** Distinct URLs seen (admitted, waiting or dropped). */
    public long seen() {
        lock.lock();
        try {
            return seen.size();
        } finally {
            lock.unlock();
        }
    }

    /** Bytes the seen-set's arrays hold. */
    public long seenBytes() {
        lock.lock();
        try {
            return seen.bytes();
        } finally {
            lock.unlock();
        }
    }

    /** The admitted and not yet done URLs, at their current depth and attempt. */
    public List<CrawlUrl> openUrls() {
        lock.lock();
        try {
            return List.copyOf(open.values());
        } finally {
            lock.unlock();
        }
    }

    private Effect offer(CrawlUrl url) {
        List<CrawlUrl> admitted = new ArrayList<>();
        List<CrawlUrl> improved = new ArrayList<>();
        Admission verdict = offer(url, admitted, improved);
        settle(admitted);
        return new Effect(verdict, admitted, improved);
    }

    /** Offers one URL, and again the links of every done page whose depth this shrinks. */
    private Admission offer(CrawlUrl first, List<CrawlUrl> admitted, List<CrawlUrl> improved) {
        ArrayDeque<CrawlUrl> work = new ArrayDeque<>();
        work.add(first);
        Admission verdict = null;
        while (!work.isEmpty()) {
            Admission one = offerOne(work.poll(), admitted, improved, work);
            if (verdict == null) {
                verdict = one;
            }
        }
        return verdict;
    }

    private Admission offerOne(CrawlUrl url, List<CrawlUrl> admitted, List<CrawlUrl> improved,
            ArrayDeque<CrawlUrl> work) {
        int depth = url.depth();
        if (depth > maxDepth) {
            return Admission.TOO_DEEP;
        }
        long fingerprint = Fingerprint.of(url.url());
        int slot = seen.find(fingerprint);
        if (slot == SeenTable.MISSING) {
            changed = true;
            if (budgetUsed < maxPages) {
                seen.add(fingerprint, depth, OPEN);
                budgetUsed++;
                open.put(url.url(), url);
                opened(depth);
                admitted.add(url);
                return Admission.ADMITTED;
            }
            if (waiting.size() < open.size()) {
                seen.add(fingerprint, depth, WAITING);
                waiting.put(url.url(), url);
                opened(depth);
            } else {
                seen.add(fingerprint, depth, DROPPED);
                dropped++;
            }
            return Admission.OVER_BUDGET;
        }
        int was = seen.depth(slot);
        byte status = seen.status(slot);
        if (depth >= was || status == DROPPED) {
            return Admission.DUPLICATE;
        }
        seen.depth(slot, depth);
        changed = true;
        switch (status) {
            case OPEN, LEASED -> {
                closed(was);
                opened(depth);
                CrawlUrl now = open.get(url.url()).atDepth(depth);
                open.put(url.url(), now);
                replace(admitted, now);
                if (!admitted.contains(now)) {
                    improved.add(now);
                }
            }
            case WAITING -> {
                closed(was);
                opened(depth);
                waiting.put(url.url(), waiting.get(url.url()).atDepth(depth));
            }
            case DONE -> {
                Map<String, List<String>> atWas = links.get(was);
                List<String> found = atWas == null ? null : atWas.remove(url.url());
                if (found != null) {
                    links.computeIfAbsent(depth, d -> new HashMap<>()).put(url.url(), found);
                    for (String link : found) {
                        work.add(CrawlUrl.of(link, depth + 1));
                    }
                }
            }
            default -> throw new IllegalStateException("status " + status);
        }
        return Admission.DUPLICATE;
    }

    /** An URL admitted earlier in the same effect and improved since: the effect shows it once, improved. */
    private static void replace(List<CrawlUrl> admitted, CrawlUrl now) {
        for (int i = 0; i < admitted.size(); i++) {
            if (admitted.get(i).url().equals(now.url())) {
                admitted.set(i, now);
            }
        }
    }

    private void opened(int depth) {
        openAtDepth[depth]++;
        shallowest = Math.min(shallowest, depth);
    }

    private void closed(int depth) {
        openAtDepth[depth]--;
    }

    private Effect mark(String url, byte from, byte to) {
        int slot = seen.find(Fingerprint.of(url));
        if (slot != SeenTable.MISSING && seen.status(slot) == from && open.containsKey(url)) {
            seen.status(slot, to);
        }
        return Effect.NONE;
    }

    /**
     * Leases {@code url} (admitted, at its current depth) for a fetch, unless a trap budget stops it: checked
     * and counted once until it is done or given back. A URL stopped is not leased (its record completes it).
     */
    Optional<TrapGuard.Stop> lease(CrawlUrl url) {
        lock.lock();
        try {
            if (!counted.contains(url.url())) {
                Optional<TrapGuard.Stop> stop = traps.check(url);
                if (stop.isPresent()) {
                    return stop;
                }
                counted.add(url.url());
            }
            mark(url.url(), OPEN, LEASED);
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /** A leased URL given back unanswered: to do again, and its trap count taken back. */
    private Effect release(String url) {
        mark(url, LEASED, OPEN);
        if (counted.remove(url)) {
            traps.uncount(url, UrlNormalizer.hostKey(url));
        }
        return Effect.NONE;
    }

    /**
     * A request to be made again: the URL's next attempt, open again. Also when it is open already (a
     * journal replayed into a snapshot's state, where nothing is leased).
     */
    private Effect retry(String url) {
        CrawlUrl now = open.get(url);
        if (now == null) {
            return Effect.NONE;
        }
        int slot = seen.find(Fingerprint.of(url));
        seen.status(slot, OPEN);
        open.put(url, now.nextAttempt());
        changed = true;
        return Effect.NONE;
    }

    private Effect complete(Transition.Complete done) {
        int slot = seen.find(Fingerprint.of(done.url()));
        if (slot == SeenTable.MISSING || !open.containsKey(done.url())) {
            return Effect.NONE; // not outstanding: a stray (e.g. a dead worker's record after its replacement's)
        }
        int depth = seen.depth(slot);
        changed = true;
        seen.status(slot, DONE);
        open.remove(done.url());
        boolean wasCounted = counted.remove(done.url());
        if (done.fetched() != wasCounted) {
            // counted at completion when not at a lease here (a replayed journal, a coordinator whose children
            // lease); a counted URL that was not fetched after all gives its count back
            String host = UrlNormalizer.hostKey(done.url());
            if (done.fetched()) {
                traps.count(done.url(), host);
            } else {
                traps.uncount(done.url(), host);
            }
        }
        closed(depth);
        if (!done.fetched()) {
            budgetUsed--;
        }
        List<CrawlUrl> admitted = new ArrayList<>();
        List<CrawlUrl> improved = new ArrayList<>();
        for (String link : done.links()) {
            offer(CrawlUrl.of(link, depth + 1), admitted, improved);
        }
        if (!done.links().isEmpty()) {
            links.computeIfAbsent(depth, d -> new HashMap<>()).put(done.url(), done.links());
        }
        settle(admitted);
        return new Effect(Admission.ADMITTED, admitted, improved);
    }

    /**
     * Gives places freed in the budget to waiting URLs, drops waiting URLs that could no longer get one, and
     * forgets the links of pages whose depth can no longer shrink.
     */
    private void settle(List<CrawlUrl> admitted) {
        while (budgetUsed < maxPages && !waiting.isEmpty()) {
            CrawlUrl next = waiting.pollFirstEntry().getValue();
            int slot = seen.find(Fingerprint.of(next.url()));
            seen.status(slot, OPEN);
            budgetUsed++;
            open.put(next.url(), next);
            admitted.add(next);
        }
        while (waiting.size() > open.size()) {
            CrawlUrl last = waiting.pollLastEntry().getValue();
            seen.status(seen.find(Fingerprint.of(last.url())), DROPPED);
            closed(last.depth());
            dropped++;
        }
        while (shallowest <= maxDepth && openAtDepth[shallowest] == 0) {
            shallowest++;
        }
        // a done page at depth d can only shrink if an open URL sits at d - 2 or shallower
        links.headMap(shallowest + 1, true).clear();
    }

    private static final int SNAPSHOT_VERSION = 2;

    /**
     * Writes the whole state, for a snapshot that {@link #readFrom} restores; a leased URL is written as to
     * do (a snapshot is read by a new run, in which nothing is in flight yet). Holds {@link #lock()} while
     * it writes, so the caller sees the state as of one moment.
     */
    public void writeTo(DataOutputStream out) throws IOException {
        lock.lock();
        try {
            write(out);
        } finally {
            lock.unlock();
        }
    }

    private void write(DataOutputStream out) throws IOException {
        out.writeInt(SNAPSHOT_VERSION);
        out.writeLong(maxPages);
        out.writeInt(maxDepth);
        out.writeLong(budgetUsed);
        out.writeLong(dropped);
        seen.writeTo(out, status -> status == LEASED ? OPEN : status);
        writeUrls(out, open.values());
        writeUrls(out, waiting.values());
        int pages = links.values().stream().mapToInt(Map::size).sum();
        out.writeInt(pages);
        for (Map<String, List<String>> atDepth : links.values()) {
            for (Map.Entry<String, List<String>> page : atDepth.entrySet()) {
                writeString(out, page.getKey());
                out.writeInt(page.getValue().size());
                for (String link : page.getValue()) {
                    writeString(out, link);
                }
            }
        }
        // the trap counts of URLs fetched: those of URLs in flight are taken back while written
        for (String url : counted) {
            traps.uncount(url, UrlNormalizer.hostKey(url));
        }
        try {
            traps.writeTo(out);
        } finally {
            for (String url : counted) {
                traps.count(url, UrlNormalizer.hostKey(url));
            }
        }
    }

    /**
     * The state {@link #writeTo} wrote.
     *
     * @throws IOException if the snapshot is cut short or was written for another page budget or depth
     */
    public static CrawlState readFrom(DataInputStream in, CrawlConfig.Limits limits) throws IOException {
        long maxPages = limits.maxPages();
        int maxDepth = limits.maxDepth();
        int version = in.readInt();
        if (version != SNAPSHOT_VERSION) {
            throw new IOException("snapshot version " + version + ", this trawl reads version " + SNAPSHOT_VERSION);
        }
        long pages = in.readLong();
        int depth = in.readInt();
        if (pages != maxPages || depth != maxDepth) {
            throw new IOException("snapshot was taken with max-pages " + pages + " and max-depth " + depth);
        }
        CrawlState state = new CrawlState(limits);
        state.budgetUsed = in.readLong();
        state.dropped = in.readLong();
        state.seen.readFrom(in);
        for (CrawlUrl url : readUrls(in)) {
            state.open.put(url.url(), url);
            state.opened(url.depth());
        }
        for (CrawlUrl url : readUrls(in)) {
            state.waiting.put(url.url(), url);
            state.opened(url.depth());
        }
        int withLinks = in.readInt();
        for (int i = 0; i < withLinks; i++) {
            String page = readString(in);
            int count = in.readInt();
            List<String> found = new ArrayList<>(count);
            for (int j = 0; j < count; j++) {
                found.add(readString(in));
            }
            int at = state.seen.depth(state.seen.find(Fingerprint.of(page)));
            state.links.computeIfAbsent(at, d -> new HashMap<>()).put(page, List.copyOf(found));
        }
        state.traps.readFrom(in);
        return state;
    }

    private static void writeUrls(DataOutputStream out, java.util.Collection<CrawlUrl> urls) throws IOException {
        out.writeInt(urls.size());
        for (CrawlUrl url : urls) {
            writeString(out, url.url());
            out.writeInt(url.depth());
            out.writeInt(url.attempt());
            out.writeInt(url.redirectChain().size());
            for (String hop : url.redirectChain()) {
                writeString(out, hop);
            }
        }
    }

    private static List<CrawlUrl> readUrls(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<CrawlUrl> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String url = readString(in);
            int depth = in.readInt();
            int attempt = in.readInt();
            int hops = in.readInt();
            List<String> chain = new ArrayList<>(hops);
            for (int j = 0; j < hops; j++) {
                chain.add(readString(in));
            }
            out.add(new CrawlUrl(url, UrlNormalizer.hostKey(url), depth, chain, attempt));
        }
        return out;
    }

    static void writeString(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String readString(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
