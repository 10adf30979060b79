package dev.trawl.mode.process;

import dev.trawl.audit.AuditRecorder;
import dev.trawl.config.CrawlConfig;
import dev.trawl.frontier.CrawlState;
import dev.trawl.fetch.Fetcher;
import dev.trawl.fetch.WireTap;
import dev.trawl.frontier.MemoryFrontier;
import dev.trawl.frontier.Scope;
import dev.trawl.mode.CrawlFailedException;
import dev.trawl.mode.Pipeline;
import dev.trawl.stats.Summary;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The child side of processes mode ({@code trawl worker}): reads its hello from the coordinator, runs the
 * in-process pipeline in the configured worker mode over a {@link RoutingFrontier}, sends every record
 * and found URL back as messages, and ends on {@code end} (once idle), {@code stop}, or the end of its
 * stdin (the coordinator is gone: stop, so that no child outlives it).
 *
 * <p>Not thread-safe: one {@link #run} per process. It owns three threads: the pipeline's,
 * {@code trawl-worker-inbox}, which reads the coordinator's messages, and {@code trawl-worker-pace}, which
 * tells the coordinator of its hosts' pace when it changes ({@link PaceReporter}); all end before
 * {@link #run} returns.
 */
public final class Worker {
    private static final long INBOX_JOIN_SECONDS = 5;
    /**
     * How often the child looks whether its hosts' pace changed: often enough for a progress line (which is
     * redrawn about once a second), and a look costs one pass over the child's hosts.
     */
    static final Duration PACE_INTERVAL = Duration.ofMillis(250);

    private final MessageCodec codec = new MessageCodec();
    private final PrintStream log;

    /** A worker that logs to {@code log} (its stderr; stdout carries only frames). */
    public Worker(PrintStream log) {
        this.log = log;
    }

    /**
     * Runs the child until its crawl ends.
     *
     * @param in the coordinator's messages
     * @param out where frames go; nothing else may be written to it
     * @return the exit code: 0 when the crawl ended or was stopped, 1 when it failed
     */
    public int run(InputStream in, OutputStream out) throws IOException, InterruptedException {
        MessageReader reader = new MessageReader(codec, in);
        MessageWriter writer = new MessageWriter(codec, out);
        Message first = reader.require();
        if (!(first instanceof Message.Hello hello)) {
            throw new ProtocolException("expected hello first, got " + first.getClass().getSimpleName());
        }
        CrawlConfig config = childConfig(hello.config());
        Scope scope = new Scope(config.scope(), hello.seeds());
        // the politeness facts go to the coordinator, which audits every child's hosts (the child audits none)
        // and passes the lines as they are to its audit log. No start: the run's own opened the log, and when a
        // child dies the coordinator tells the audit which hosts' requests it left in flight
        AuditRecorder audit = new AuditRecorder("trawl-worker-audit", lines -> writer.send(new Message.Audited(lines)));
        MemoryFrontier own = new MemoryFrontier(config.politeness(), new CrawlState(config.limits()), scope,
                config.concurrency().maxInFlight(), System::nanoTime, audit, MemoryFrontier.Auditor.TRAIL);
        RoutingFrontier frontier = new RoutingFrontier(own, scope, config.limits().maxDepth(),
                url -> send(writer, new Message.Discovered(url)),
                (record, links) -> send(writer, new Message.Recorded(record, links)),
                url -> send(writer, new Message.Retrying(url)));
        Summary summary;
        int exit = 0;
        // the coordinator writes the WARC: each exchange's wire bytes go to it as a message
        Optional<WireTap> tap = config.output().archives()
                ? Optional.of(exchange -> send(writer, new Message.Archived(exchange))) : Optional.empty();
        PaceReporter pace = new PaceReporter();
        try (Fetcher fetcher = Pipeline.fetcherFor(config, hello.seeds(), tap)) {
            Pipeline pipeline = Pipeline.start(config, frontier, fetcher, frontier::recorded);
            Thread inbox = Thread.ofPlatform().name("trawl-worker-inbox").daemon()
                    .start(() -> readInbox(reader, frontier, pipeline));
            send(writer, new Message.Ready(ProcessHandle.current().pid()));
            try (ScheduledExecutorService paceReporter = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("trawl-worker-pace").daemon().factory())) {
                paceReporter.scheduleWithFixedDelay(() -> reportPace(pace, frontier, writer), PACE_INTERVAL.toMillis(),
                        PACE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
                try {
                    summary = pipeline.await();
                } catch (CrawlFailedException e) {
                    log.println("trawl worker " + hello.workerId() + ": crawl failed: " + e.getMessage());
                    summary = pipeline.summary();
                    exit = 1;
                }
            } // closing it cancels the periodic look and waits for one under way
            fetcher.cancelAll();
            audit.close(); // its last facts go before the bye
            audit.failure().ifPresent(e -> log.println("trawl worker " + hello.workerId()
                    + ": politeness facts not all sent: " + e.getMessage()));
            try {
                Optional<Message.Pace> last = pace.changed(java.util.List.of(), frontier.slowed());
                if (last.isPresent()) {
                    writer.send(last.get());
                }
                writer.send(new Message.Stats(summary.retries()));
                writer.send(new Message.Bye());
            } catch (IOException e) {
                log.println("trawl worker " + hello.workerId() + ": coordinator gone: " + e.getMessage());
            }
            inbox.join(TimeUnit.SECONDS.toMillis(INBOX_JOIN_SECONDS)); // the coordinator closes stdin after bye
        }
        return exit;
    }

    /** Sends the coordinator this child's hosts' pace if it changed; a coordinator gone is the inbox's to notice. */
    private static void reportPace(PaceReporter pace, RoutingFrontier frontier, MessageWriter writer) {
        Optional<Message.Pace> changed = pace.changed(frontier.waiting(), frontier.slowed());
        if (changed.isPresent()) {
            try {
                writer.send(changed.get());
            } catch (IOException e) {
                // the inbox reads the end of stdin and stops the crawl
            }
        }
    }

    /** Applies the coordinator's messages until stdin ends; a bad or missing stream stops the crawl. */
    private void readInbox(MessageReader reader, RoutingFrontier frontier, Pipeline pipeline) {
        try {
            for (Optional<Message> m = reader.next(); m.isPresent(); m = reader.next()) {
                switch (m.get()) {
                    case Message.Crawl crawl -> frontier.assign(crawl.url());
                    case Message.End end -> frontier.endWhenIdle();
                    case Message.Stop stop -> pipeline.stop();
                    default -> throw new ProtocolException("unexpected from the coordinator: " + m.get());
                }
            }
        } catch (IOException e) {
            log.println("trawl worker: cannot read the coordinator's messages: " + e.getMessage());
        } finally {
            pipeline.stop(); // no-op after a clean end; else the coordinator is gone, and so must we be
        }
    }

    /**
     * The config as a child uses it: its inner mode, and no page budget of its own (the coordinator
     * counts pages over all children and only assigns what fits).
     */
    static CrawlConfig childConfig(CrawlConfig config) {
        CrawlConfig.Concurrency c = config.concurrency();
        return new CrawlConfig(config.fetch(), config.politeness(),
                new CrawlConfig.Limits(Long.MAX_VALUE, config.limits().maxDepth(), config.limits().traps()), config.scope(),
                new CrawlConfig.Concurrency(c.workerMode(), c.producers(), c.consumers(), c.queueCapacity(),
                        c.workers(), c.workerMode(), c.maxInFlight(), c.workerJvmOptions(), c.asyncClient()),
                config.output(), config.extract());
    }

    private static void send(MessageWriter writer, Message message) {
        try {
            writer.send(message);
        } catch (IOException e) {
            throw new UncheckedIOException("coordinator gone: " + e.getMessage(), e);
        }
    }
}
