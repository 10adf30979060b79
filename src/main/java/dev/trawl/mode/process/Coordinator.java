package dev.trawl.mode.process;

import dev.trawl.audit.AuditLines;
import dev.trawl.audit.AuditPolicy;
import dev.trawl.config.CrawlConfig;
import dev.trawl.fetch.WireExchange;
import dev.trawl.frontier.CrawlUrl;
import dev.trawl.frontier.UrlNormalizer;
import dev.trawl.mode.CrawlFailedException;
import dev.trawl.mode.CrawlRun;
import dev.trawl.mode.Pipeline;
import dev.trawl.mode.RunState;
import dev.trawl.sink.CrawlRecord;
import dev.trawl.sink.Sink;
import dev.trawl.stats.CrawlStats;
import dev.trawl.stats.Summary;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code --mode processes}: a coordinator and K child JVMs ({@code trawl worker}), hosts sharded
 * between them by {@link HostSharder}. The coordinator keeps the crawl-wide seen-set and page budget
 * ({@link Ledger}), routes every found URL to the child owning its host, writes every record to the one
 * sink, and ends the crawl when nothing is outstanding by sending each child {@code end}.
 *
 * <p>A child that dies before its end is restarted under the same worker id, and the URLs it was given
 * and had not recorded are sent to the new process: nothing is lost, and only requests in flight at the
 * death are made twice. After {@link #MAX_RESTARTS} restarts of one worker the crawl fails.
 *
 * <p>Thread-safe. Each child has two threads of its own ({@link WorkerProcess}) that call back here;
 * decisions are made under the ledger's lock, messages sent and records written outside it. The caller
 * owns the sink and closes it after {@link #await()}, then {@link #close()}s the coordinator.
 */
public final class Coordinator implements CrawlRun {
    /** Restarts of one worker before the crawl gives up. */
    public static final int MAX_RESTARTS = 3;

    private final CrawlConfig config;
    private final List<String> seeds;
    private final List<String> rejectedSeeds;
    private final WorkerLaunch launch;
    private final Sink sink;
    private final PrintWriter log;
    private final Ledger<WorkerProcess> ledger;
    private final MessageCodec codec = new MessageCodec();
    private final CrawlStats stats = new CrawlStats(System::nanoTime);
    private final ReentrantLock output = new ReentrantLock();
    private final RunState run;
    private final LongAdder childRetries = new LongAdder();
    private final Set<WorkerProcess> saidBye = ConcurrentHashMap.newKeySet();
    private final List<WorkerProcess> started = new CopyOnWriteArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final AtomicReference<CrawlFailedException> failure = new AtomicReference<>();
    private final CountDownLatch finished;
    private final WorkerProcess.Listener listener = new Listener();
    private final PipeMeter pipe = new PipeMeter();
    private final HostPaces paces = new HostPaces();
    /** The one audit of the children's politeness facts. */
    private final ChildAudits audits;

    private Coordinator(CrawlConfig config, List<String> seeds, List<String> rejectedSeeds, WorkerLaunch launch,
            Sink sink, PrintWriter log, RunState run) {
        int workers = config.concurrency().workers();
        this.config = config;
        this.seeds = List.copyOf(seeds);
        this.rejectedSeeds = List.copyOf(rejectedSeeds);
        this.launch = launch;
        this.sink = sink;
        this.log = log;
        this.run = run;
        HostSharder sharder = new HostSharder(workers);
        this.ledger = new Ledger<>(sharder, run.state(), MAX_RESTARTS);
        this.finished = new CountDownLatch(workers);
        this.audits = new ChildAudits(AuditPolicy.of(config.politeness()), sharder, run.audit());
    }

    /**
     * Starts the children and assigns them the seeds (absolute http(s) URLs, normalized and checked
     * against the scope as in {@link Pipeline#start}), and returns at once; children's log lines and
     * restarts go to {@code log}. Seeds that do not normalize are left out (see {@link #rejectedSeeds()}).
     *
     * @throws CrawlFailedException if a child cannot be started
     */
    public static Coordinator start(CrawlConfig config, List<String> seeds, Sink sink, PrintWriter log,
            WorkerLaunch launch) {
        return start(config, seeds, sink, log, launch, RunState.inMemory(config));
    }

    /** As {@link #start(CrawlConfig, List, Sink, PrintWriter, WorkerLaunch)}, going on from {@code run}'s state. */
    public static Coordinator start(CrawlConfig config, List<String> seeds, Sink sink, PrintWriter log,
            WorkerLaunch launch, RunState run) {
        UrlNormalizer.Split split = UrlNormalizer.forCrawl(config.limits().traps()).split(seeds);
        Coordinator coordinator = new Coordinator(config, split.normalized(), split.rejected(), launch, sink, log,
                run);
        coordinator.launchAll();
        return coordinator;
    }

    /** As {@link #start(CrawlConfig, List, Sink, PrintWriter, WorkerLaunch)}, children on this JVM's JDK and class path. */
    public static Coordinator start(CrawlConfig config, List<String> seeds, Sink sink, PrintWriter log) {
        return start(config, seeds, sink, log, WorkerLaunch.sameJvm(config.concurrency().workerJvmOptions()));
    }

    private void launchAll() {
        try {
            for (int id = 0; id < config.concurrency().workers(); id++) {
                WorkerProcess worker = WorkerProcess.start(id, launch, hello(id), codec, pipe, log, listener);
                started.add(worker);
                ledger.serve(id, worker);
            }
        } catch (RuntimeException e) {
            close();
            throw new CrawlFailedException(e.getMessage(), e);
        }
        send(ledger.resume());
        seeds.forEach(seed -> route(CrawlUrl.of(seed, 0))); // seeds are always crawled, whatever the rules
        endIfIdle();
    }

    private Message.Hello hello(int id) {
        return new Message.Hello(id, config, seeds);
    }

    /** Assigns a found URL to its owner, unless seen, over budget, or the crawl is stopping. */
    private void route(CrawlUrl url) {
        // if the owner just died, its replacement is sent every unfinished URL, this one included
        send(ledger.assign(url));
    }

    private static void send(List<Ledger.Send<WorkerProcess>> sends) {
        sends.forEach(send -> send.to().send(new Message.Crawl(send.url())));
    }

    /**
     * Writes a record that was outstanding at {@code worker} and routes the links found on its page; a stray
     * one (already recorded) is dropped. The check and the write are one step, so that a URL's record is
     * written once even when a dead worker's last records race its replacement's.
     */
    private void recorded(WorkerProcess worker, CrawlRecord record, List<String> links) {
        if (run.leavesOut(record)) {
            return;
        }
        List<Ledger.Send<WorkerProcess>> sends;
        run.recording().lock();
        output.lock();
        try {
            Optional<List<Ledger.Send<WorkerProcess>>> routed =
                    ledger.recorded(worker.id(), record.url(), record.attempts() > 0, links);
            if (routed.isEmpty()) {
                return;
            }
            sends = routed.get();
            sink.write(record);
            stats.record(record);
        } catch (RuntimeException e) {
            fail(new CrawlFailedException(e.getMessage(), e));
            return;
        } finally {
            output.unlock();
            run.recording().unlock();
        }
        send(sends);
        endIfIdle();
    }

    /** Archives an exchange a child made (sent only when an output is a WARC). */
    private void archived(WireExchange exchange) {
        try {
            run.archive(sink, exchange);
        } catch (RuntimeException e) {
            fail(new CrawlFailedException(e.getMessage(), e));
        }
    }

    /** Audits a child's politeness facts and passes them to the run's audit log ({@link ChildAudits}). */
    private void audited(WorkerProcess worker, List<String> lines) {
        audits.heard(lines).forEach(problem -> log.println("trawl: worker " + worker.id() + " sent a " + problem));
    }

    private void endIfIdle() {
        ledger.endIfIdle().forEach(w -> w.send(new Message.End()));
    }

    /** A child is gone: the end of its run, or a death to recover from by a restart. */
    private void exited(WorkerProcess worker, int exitCode, Optional<String> problem) {
        int id = worker.id();
        paces.gone(id);
        // its last facts are in (they came on the thread that tells its exit); its requests in flight are over
        audits.gone(id, AuditLines.epochNanos(java.time.Instant.now()));
        String why = "exit " + exitCode + problem.map(p -> ", " + p).orElse("");
        switch (ledger.exited(id, failure.get() != null)) {
            case DONE -> {
                if (exitCode != 0 || !saidBye.contains(worker)) {
                    log.println("trawl: worker " + id + " ended without a clean bye (" + why + ")");
                }
                finished.countDown();
            }
            case GIVE_UP -> {
                fail(new CrawlFailedException(
                        "worker " + id + " died " + ledger.restarts(id) + " times (last: " + why + "); giving up", null));
                finished.countDown();
            }
            case RESTART -> restart(id, exitCode, why);
        }
    }

    private void restart(int id, int exitCode, String why) {
        log.println("trawl: worker " + id + " died (" + why + "); restarting it");
        WorkerProcess replacement;
        try {
            replacement = WorkerProcess.start(id, launch, hello(id), codec, pipe, log, listener);
        } catch (RuntimeException e) {
            fail(new CrawlFailedException("cannot restart worker " + id + ": " + e.getMessage(), e));
            finished.countDown();
            return;
        }
        started.add(replacement);
        Ledger.Takeover takeover = ledger.serve(id, replacement);
        if (takeover.stop()) {
            replacement.send(new Message.Stop());
        }
        takeover.unfinished().forEach(url -> replacement.send(new Message.Crawl(url)));
        if (takeover.end()) {
            replacement.send(new Message.End());
        }
        String event = "worker " + id + " died (exit " + exitCode + "); restarted; " + takeover.unfinished().size()
                + " URLs re-queued";
        events.add(event);
        log.println("trawl: " + event);
    }

    private void fail(CrawlFailedException e) {
        failure.compareAndSet(null, e);
        stop();
    }

    /** Stops the crawl: each child cancels its requests, sends the records it has, and exits. Idempotent. */
    @Override
    public void stop() {
        ledger.stop().forEach(w -> w.send(new Message.Stop()));
    }

    /** Waits for every child to end and be reaped; throws {@link CrawlFailedException} if the crawl failed. */
    @Override
    public Summary await() throws InterruptedException {
        finished.await();
        for (WorkerProcess worker : started) {
            worker.join();
        }
        CrawlFailedException error = failure.get();
        if (error != null) {
            throw error;
        }
        return summary();
    }

    /** Kills any child still running and reaps it: the shutdown path when {@link #await()} did not complete. */
    @Override
    public void close() {
        boolean interrupted = false;
        for (WorkerProcess worker : started) {
            worker.closeInput();
            worker.kill();
            try {
                worker.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The figures so far, retries counted by the children included (final once {@link #await()} returned). */
    @Override
    public Summary summary() {
        Ledger.Figures figures = ledger.figures();
        Summary own = stats.summary(figures.stopping(), figures.droppedOverBudget());
        return own.toBuilder().retries(own.retries() + childRetries.sum()).slowedHosts(paces.slowed())
                .politeness(Optional.of(audits.report())).build();
    }

    /**
     * What a progress line shows: "queued" counts URLs assigned to children and not yet recorded; the hosts
     * waiting are as the children last said (within {@link Worker#PACE_INTERVAL}).
     */
    @Override
    public Progress progress() {
        Ledger.Figures figures = ledger.figures();
        return new Progress(stats.records(), stats.errors(), figures.outstanding(), 0, 0, figures.hosts(),
                stats.elapsed(), paces.waiting(System.nanoTime()));
    }

    /** Seeds that were not absolute http(s) URLs and were left out. */
    @Override
    public List<String> rejectedSeeds() {
        return rejectedSeeds;
    }

    /** The process ids of the children now running, by worker id (for tests and diagnostics). */
    public List<Long> workerPids() {
        return ledger.current().stream().map(WorkerProcess::pid).toList();
    }

    /** Restarts so far, one line each: "worker 1 died (exit 137); restarted; 3 URLs re-queued". */
    public List<String> restarts() {
        return List.copyOf(events);
    }

    /** One line for the summary: the children and their restarts. */
    @Override
    public Map<String, Long> figures() {
        return Map.of("pipe_messages", pipe.messages(), "pipe_bytes", pipe.bytes(), "workers_started",
                (long) started.size());
    }

    @Override
    public Optional<String> report() {
        List<String> restarted = restarts();
        return Optional.of("workers    " + config.concurrency().workers() + " child JVMs ("
                + config.concurrency().workerMode().cliName() + " inside), " + (restarted.isEmpty() ? "no restarts"
                        : restarted.size() + (restarted.size() == 1 ? " restart: " : " restarts: ")
                                + String.join("; ", restarted)));
    }

    /** Routes each child's messages. */
    private final class Listener implements WorkerProcess.Listener {
        @Override
        public void onMessage(WorkerProcess worker, Message message) {
            switch (message) {
                case Message.Discovered found -> route(found.url());
                case Message.Recorded recorded -> recorded(worker, recorded.record(), recorded.links());
                case Message.Archived archived -> archived(archived.exchange());
                case Message.Retrying retrying -> ledger.retrying(worker.id(), retrying.url());
                case Message.Audited facts -> audited(worker, facts.lines());
                case Message.Stats figures -> childRetries.add(figures.retries());
                case Message.Pace pace -> paces.heard(worker.id(), pace, System.nanoTime());
                case Message.Bye bye -> {
                    saidBye.add(worker);
                    worker.closeInput();
                }
                case Message.Ready ready -> { }
                default -> throw new IllegalStateException("a worker sent " + message.getClass().getSimpleName());
            }
        }

        @Override
        public void onExit(WorkerProcess worker, int exitCode, Optional<String> problem) {
            exited(worker, exitCode, problem);
        }
    }
}
