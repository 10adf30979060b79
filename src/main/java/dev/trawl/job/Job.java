package dev.trawl.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trawl.config.ConfigJson;
import dev.trawl.config.CrawlConfig;
import dev.trawl.config.OutputFormat;
import dev.trawl.frontier.CrawlState;
import dev.trawl.frontier.Transition;
import dev.trawl.mode.RunState;
import dev.trawl.sink.Outputs;
import dev.trawl.sink.Sink;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * {@code --job DIR}: a crawl whose state survives the process. DIR holds
 * <ul>
 * <li>{@code job.json}: the config and seeds the job was started with; a run with others is refused;
 * <li>{@code snapshot}: the crawl state, the output's committed length and the snapshot's generation G,
 *     as of one commit ({@link JobSnapshot});
 * <li>{@code journal.G}: the state's transitions since that snapshot, with commit lines ({@link Journal});
 * <li>{@code finished}: present once the crawl ended; a finished job is not run again.
 * </ul>
 * Every {@link #COMMIT_EVERY} the job commits: the output is flushed and forced to disk, then a commit line
 * naming the output's length and the journal's is forced after it. A crash loses at most what came after
 * the last commit: on resume the output is cut back to the committed length, and the URLs whose records were
 * cut are crawled again (as are requests in flight at the stop). So each URL's record is in the output once.
 *
 * <p><b>Compaction.</b> When a commit finds the journal long enough ({@link Compaction}), it also folds it
 * into snapshot G+1: with the recording guard and the state's lock held (no record half written, no
 * transition half applied) it writes the state to {@code snapshot.tmp} and starts {@code journal.G+1} for
 * what comes next; then, the crawl going on, it commits into {@code journal.G} as usual, forces the new
 * snapshot, renames it over {@code snapshot}, forces the directory and deletes {@code journal.G}. Until the
 * rename a resume reads snapshot G and {@code journal.G} up to the commit; after it, snapshot G+1 and
 * {@code journal.G+1}. Opening a job deletes journals of other generations.
 *
 * <p>Thread-safe. The caller opens the job, runs the crawl with {@link #runState()} and {@link #output()},
 * then calls {@link #finish()} if the crawl ended, and {@link #close()} in any case.
 */
public final class Job implements AutoCloseable {
    /** How often the output and the journal are committed to disk. */
    public static final Duration COMMIT_EVERY = Duration.ofMillis(200);

    /** Of the job's files; 2 since snapshots have generations. */
    private static final int VERSION = 2;
    private static final ObjectMapper JSON = ConfigJson.mapper();

    private final Path dir;
    private final CrawlConfig config;
    private final Path outputPath;
    private final CrawlState state;
    private final long committedOutput;
    private final boolean fresh;
    private final Optional<String> finished;
    private final ReentrantReadWriteLock guard = new ReentrantReadWriteLock();
    /** One commit at a time (the commit thread's, a finish's, a test's). */
    private final ReentrantLock committing = new ReentrantLock();
    private final LongAdder cancelled = new LongAdder();
    private final long resumedDone;
    private final Compaction compaction;
    /** How often the commit thread commits; empty: no commit thread (tests commit by hand). */
    private final Optional<Duration> commitEvery;
    /** Under the state's lock: transitions journaled by this run. */
    private long transitions;
    /** What the last commit covered, so that a commit with nothing new writes and forces nothing. */
    private long lastTransitions = -1;
    private long lastOutputBytes = -1;
    /** Where a test makes a compaction fail, to see what a crash there leaves. */
    private volatile Crash crash = step -> { };
    /** Under the state's lock: URLs done, for a snapshot. */
    private long done;
    /** The generation of the snapshot on disk; its journal is {@code journal.G}. Under {@link #committing}. */
    private long generation;
    private long snapshotBytes;
    /** Appended to under the state's lock, switched under it too. */
    private Journal journal;
    /** The journal of the generation being compacted away, until it is deleted. */
    private Journal retiring;
    private Sink sink;
    private Thread committer;
    /** This run's hold on the directory, released last by {@link #close()}. */
    private JobLock lock;
    private final java.util.concurrent.CountDownLatch closing = new java.util.concurrent.CountDownLatch(1);
    /** The first commit that failed; once set, the job commits no more and its run is stopped. */
    private final java.util.concurrent.atomic.AtomicReference<JobException> failure =
            new java.util.concurrent.atomic.AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicReference<Runnable> onFailure =
            new java.util.concurrent.atomic.AtomicReference<>(() -> {});

    private Job(Path dir, CrawlConfig config, Path outputPath, CrawlState state, long committedOutput,
            boolean fresh, Optional<String> finished, long resumedDone, long generation, Compaction compaction,
            Optional<Duration> commitEvery) {
        this.dir = dir;
        this.config = config;
        this.outputPath = outputPath;
        this.state = state;
        this.committedOutput = committedOutput;
        this.fresh = fresh;
        this.finished = finished;
        this.resumedDone = resumedDone;
        this.done = resumedDone;
        this.generation = generation;
        this.compaction = compaction;
        this.commitEvery = commitEvery;
    }

    /** The steps of a compaction, after each of which a test can make it fail ({@link #crashAt}). */
    enum Step {
        /** the state is in {@code snapshot.tmp}, not forced; the new journal is started */
        SNAPSHOT_WRITTEN,
        /** the commit line is forced into the old journal */
        OLD_JOURNAL_COMMITTED,
        /** {@code snapshot.tmp} is forced to disk */
        SNAPSHOT_FORCED,
        /** {@code snapshot.tmp} is renamed over {@code snapshot} and the directory forced */
        SNAPSHOT_RENAMED,
        /** the old journal is deleted */
        OLD_JOURNAL_DELETED
    }

    /** A failure injected at a step, as a crash there would leave the files. */
    @FunctionalInterface
    interface Crash {
        void at(Step step) throws IOException;
    }

    /** Makes compactions fail where {@code crash} throws (for tests). */
    void crashAt(Crash crash) {
        this.crash = crash;
    }

    /**
     * Opens the job in {@code dir}: a new one (the directory is made), or the one there, if it was started
     * with the same config and seeds, its state restored from the snapshot and the journal's committed part.
     *
     * @param seeds the normalized seeds
     * @param reset start over: what is in {@code dir} is deleted first
     * @throws JobException if the job there was started with another config or seeds, or cannot be read
     */
    public static Job open(Path dir, CrawlConfig config, List<String> seeds, boolean reset) {
        return open(dir, config, seeds, reset, Compaction.DEFAULT);
    }

    /** As {@link #open(Path, CrawlConfig, List, boolean)}, compacting the journal during the run as {@code compaction} says. */
    public static Job open(Path dir, CrawlConfig config, List<String> seeds, boolean reset, Compaction compaction) {
        return open(dir, config, seeds, reset, compaction, Optional.of(COMMIT_EVERY));
    }

    /** As above, committing every {@code commitEvery} on a thread of its own, or only when asked if empty. */
    static Job open(Path dir, CrawlConfig config, List<String> seeds, boolean reset, Compaction compaction,
            Optional<Duration> commitEvery) {
        JobLock lock;
        try {
            Files.createDirectories(dir);
            lock = JobLock.take(dir);
        } catch (IOException e) {
            throw new JobException("cannot open job " + dir + ": " + e.getMessage(), e);
        }
        try {
            Job job = openLocked(dir, config, seeds, reset, compaction, commitEvery);
            job.lock = lock;
            return job;
        } catch (RuntimeException e) {
            try {
                lock.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static Job openLocked(Path dir, CrawlConfig config, List<String> seeds, boolean reset,
            Compaction compaction, Optional<Duration> commitEvery) {
        try {
            Path output = resumableOutput(config);
            if (reset && Files.isDirectory(dir)) {
                for (String name : List.of("job.json", "snapshot", "snapshot.tmp", "finished")) {
                    Files.deleteIfExists(dir.resolve(name));
                }
                deleteJournals(dir, -1);
            }
            Path description = dir.resolve("job.json");
            ObjectNode wanted = describe(config, seeds);
            if (!Files.exists(description)) {
                writeAtomically(description, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(wanted));
                Files.deleteIfExists(dir.resolve("snapshot"));
                Files.deleteIfExists(dir.resolve("finished"));
                deleteJournals(dir, -1);
                Job job = new Job(dir, config, output, new CrawlState(config.limits()),
                        0, true, Optional.empty(), 0, -1, compaction, commitEvery);
                job.snapshotAtOpen();
                return job;
            }
            JsonNode stored = JSON.readTree(description.toFile());
            // compared as read back, so that numbers are typed as in the file
            List<String> differences = differences(stored, JSON.readTree(JSON.writeValueAsBytes(wanted)));
            if (!differences.isEmpty()) {
                throw new JobException("job " + dir + " was started with another config or seeds; differing: "
                        + String.join(", ", differences) + ". Run it with the same ones, or give --job-reset to"
                        + " start it over.");
            }
            Path finishedFile = dir.resolve("finished");
            Optional<String> finished = Files.exists(finishedFile)
                    ? Optional.of(Files.readString(finishedFile).strip()) : Optional.empty();
            Restored restored = restore(dir, config);
            Job job = new Job(dir, config, output, restored.state, restored.committedOutput, false, finished,
                    restored.done, restored.generation, compaction, commitEvery);
            if (finished.isEmpty()) {
                job.snapshotAtOpen();
            }
            return job;
        } catch (IOException e) {
            throw new JobException("cannot open job " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Whether the job's crawl has ended; the text says when and how. */
    public Optional<String> finished() {
        return finished;
    }

    /** Whether this run starts the job (rather than going on with it). */
    public boolean isNew() {
        return fresh;
    }

    /** One line for the start of a resumed run. */
    public String resumeLine() {
        return "resuming job " + dir + ": " + resumedDone + " URLs done, " + state.outstanding()
                + " to do (requests in flight when it stopped are made again)";
    }

    /** The run state: the job's crawl state, journaled; records bound to it by the commit guard. */
    public RunState runState() {
        return new RunState(state, guard.readLock(), true, cancelled);
    }

    /** Requests cancelled by a stop in this run, left out of the output and to be made again. */
    public long cancelledNotRecorded() {
        return cancelled.sum();
    }

    /**
     * Opens the output ({@code newOutput} for a new job; for a resumed job the file cut back to its
     * committed length), starts the journal, and commits every {@link #COMMIT_EVERY} from now on.
     */
    public Sink output(Supplier<Sink> newOutput) {
        return output(newOutput, java.util.Map.of());
    }

    /** As {@link #output(Supplier)}; {@code warcInfo} are the fields of a WARC file a resumed run begins. */
    public synchronized Sink output(Supplier<Sink> newOutput, java.util.Map<String, List<String>> warcInfo) {
        if (sink != null) {
            throw new IllegalStateException("the job's output is open already");
        }
        sink = fresh ? newOutput.get() : Outputs.resume(config.output(), config.extract().fields(),
                committedOutput, warcInfo);
        try {
            journal = Journal.create(journalPath(dir, generation));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the journal of job " + dir + ": " + e.getMessage(), e);
        }
        state.journalTo(this::journal);
        if (commitEvery.isPresent()) {
            committer = Thread.ofPlatform().name("trawl-job-commit").daemon().start(this::commitLoop);
        }
        return sink;
    }

    /** Called under the state's lock for each transition that changed it. */
    private void journal(Transition transition) {
        journal.append(transition);
        transitions++;
        if (transition instanceof Transition.Complete) {
            done++;
        }
    }

    /**
     * Commits every {@link #COMMIT_EVERY} until closing, or until a commit fails: then the run is stopped
     * ({@link #onFailure}), since going on would crawl pages that no commit could keep. Never interrupted
     * (that would close file channels).
     */
    private void commitLoop() {
        try {
            while (!closing.await(commitEvery.orElseThrow().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                if (!tryCommit()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Commits unless a commit failed before (see {@link #commit()}). Whether it committed. */
    private boolean tryCommit() {
        try {
            commit();
            return true;
        } catch (JobException e) {
            return false;
        }
    }

    /**
     * Runs {@code stop} when a commit fails (at once if one has failed already): the run must end, as a
     * Ctrl-C ends it, keeping what was committed before.
     */
    public void onFailure(Runnable stop) {
        onFailure.set(stop);
        if (failure.get() != null) {
            stop.run();
        }
    }

    /** The commit that failed, if one did: its message names the job, the file and the cause. */
    public Optional<JobException> failure() {
        return Optional.ofNullable(failure.get());
    }

    /**
     * Makes what the output and the journal hold so far survive a crash: under the guard (no record is half
     * written) the output is flushed and both lengths taken; the output is forced to disk, then a commit line
     * with both lengths is appended to the journal and forced too. If any step fails (a full disk, a file
     * that cannot be synced) no commit line is forced, so the last commit stands. If the journal has grown
     * enough ({@link Compaction}), the commit also compacts it (see the class comment). A commit with
     * nothing new since the last one writes nothing. The first failure is kept: it stops the run
     * ({@link #onFailure}), and the job commits no more (each later call throws it again).
     *
     * @throws JobException naming the file that failed and why
     */
    public void commit() {
        JobException failed = failure.get();
        if (failed != null) {
            throw failed;
        }
        committing.lock();
        try {
            commitOnce();
        } catch (JobException e) {
            failed = e;
        } finally {
            committing.unlock();
        }
        if (failed != null) {
            if (failure.compareAndSet(null, failed)) {
                onFailure.get().run();
            }
            throw failure.get();
        }
    }

    private void commitOnce() {
        if (failure.get() != null) {
            throw failure.get(); // another thread's commit failed while this one waited
        }
        if (journal == null) {
            return; // the output was never opened: nothing to commit
        }
        long outputBytes;
        long journalBytes;
        long covered;
        Journal committed;
        Optional<Path> snapshot = Optional.empty();
        guard.writeLock().lock();
        try {
            outputBytes = step("write out " + outputPath, sink::flushedPosition);
            // the state's lock too: no transition half applied, the journal's end is the state's moment
            state.lock().lock();
            try {
                covered = transitions;
                if (covered == lastTransitions && outputBytes == lastOutputBytes) {
                    return; // nothing new: no commit line (whose bytes would make an idle job compact)
                }
                committed = journal;
                journalBytes = step("write the journal " + journalPath(dir, generation), journal::flush);
                if (compaction.due(journalBytes, snapshotBytes)) {
                    snapshot = Optional.of(beginCompaction(outputBytes));
                }
            } finally {
                state.lock().unlock();
            }
        } finally {
            guard.writeLock().unlock();
        }
        step("force " + outputPath + " to disk", () -> {
            sink.force();
            return 0L;
        });
        step("force the journal " + journalPath(dir, generation) + " to disk", () -> {
            committed.commit(journalBytes, outputBytes);
            committed.flush();
            committed.force();
            return 0L;
        });
        lastOutputBytes = outputBytes;
        lastTransitions = covered;
        if (snapshot.isPresent()) {
            endCompaction(snapshot.get());
        }
    }

    /**
     * The part of a compaction that needs the state still: the state as of this commit written to
     * {@code snapshot.tmp} (to the page cache; forced later), and a new journal for what comes after.
     */
    private Path beginCompaction(long outputBytes) {
        long next = generation + 1;
        Path tmp = dir.resolve("snapshot.tmp");
        long bytes = step("write the snapshot " + tmp, () -> writeSnapshot(tmp, new JobSnapshot(next, outputBytes, done)));
        Journal nextJournal = step("start the journal " + journalPath(dir, next), () -> Journal.create(journalPath(dir, next)));
        retiring = journal;
        journal = nextJournal;
        snapshotBytes = bytes;
        crashPoint(Step.SNAPSHOT_WRITTEN);
        return tmp;
    }

    /**
     * The rest of a compaction, the crawl going on, once the commit line is in the old journal: the new
     * snapshot forced, renamed into place, the directory forced, the old journal deleted.
     */
    private void endCompaction(Path tmp) {
        crashPoint(Step.OLD_JOURNAL_COMMITTED);
        Path snapshot = dir.resolve("snapshot");
        step("force the snapshot " + tmp + " to disk", () -> {
            force(tmp);
            return 0L;
        });
        crashPoint(Step.SNAPSHOT_FORCED);
        step("rename " + tmp + " to " + snapshot, () -> {
            Files.move(tmp, snapshot, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory(dir);
            return 0L;
        });
        crashPoint(Step.SNAPSHOT_RENAMED);
        Path old = journalPath(dir, generation);
        generation++;
        Journal oldJournal = retiring;
        retiring = null;
        step("delete the old journal " + old, () -> {
            oldJournal.close();
            Files.deleteIfExists(old);
            return 0L;
        });
        crashPoint(Step.OLD_JOURNAL_DELETED);
    }

    private void crashPoint(Step at) {
        step("compact (" + at + ")", () -> {
            crash.at(at);
            return 0L;
        });
    }

    /** One step of a commit ({@code what}, naming its file); a failure becomes a {@link JobException}. */
    private <T> T step(String what, IoStep<T> step) {
        try {
            return step.run();
        } catch (IOException | UncheckedIOException e) {
            IOException cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : (IOException) e;
            throw new JobException("cannot commit job " + dir + ": could not " + what + ": "
                    + rootMessage(cause), e);
        }
    }

    private interface IoStep<T> {
        T run() throws IOException;
    }

    /** The root cause's message, or its type where it has none. */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /**
     * The crawl ended: a last commit, and the job is marked finished with {@code summary}. If that commit
     * fails, the job is not marked: {@link #failure()} says why, and the same command finishes it later.
     */
    public void finish(String summary) {
        stopCommitter();
        if (!tryCommit()) {
            return;
        }
        try {
            writeAtomically(dir.resolve("finished"), ("finished " + Instant.now() + ": " + summary + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot mark job " + dir + " finished: " + e.getMessage(), e);
        }
    }

    /**
     * Stops committing and closes the journal, after a last commit if the output is open and no commit has
     * failed (a failed last commit is kept in {@link #failure()}, not thrown): call it after the run has
     * ended (its records written) and before the output is closed.
     */
    @Override
    public synchronized void close() {
        try {
            stopCommitter();
            if (journal == null) {
                return;
            }
            try {
                tryCommit();
            } finally {
                try {
                    if (retiring != null) {
                        retiring.close(); // a compaction that failed half way: its old journal, left as it was
                    }
                    journal.close();
                } catch (IOException e) {
                    // after a failed commit, what is past the last commit line is ignored on resume anyway
                    if (failure.get() == null) {
                        throw new UncheckedIOException("cannot close the journal of job " + dir + ": "
                                + e.getMessage(), e);
                    }
                    failure.get().addSuppressed(e);
                }
            }
        } finally {
            releaseLock(); // on every path, a failing committer's stop included: the next run must not find it held
        }
    }

    /** For tests that play a killed run in this JVM: lets go of the directory as the OS does for a dead process. */
    void releaseLockAsOnKill() {
        releaseLock();
    }

    private void releaseLock() {
        if (lock != null) {
            try {
                lock.close();
            } catch (IOException e) {
                // the OS drops the lock with the process anyway; nothing is lost
            }
            lock = null;
        }
    }

    private void stopCommitter() {
        closing.countDown();
        Thread thread = committer;
        if (thread != null) {
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Folds what was restored into snapshot G+1, with an empty journal: journals of other generations than
     * G (left by a compaction a crash cut short) are deleted first, so none can be read with the new
     * snapshot; after the rename {@code journal.G} is deleted too.
     */
    private void snapshotAtOpen() throws IOException {
        deleteJournals(dir, generation);
        long next = generation + 1;
        Path tmp = dir.resolve("snapshot.tmp");
        snapshotBytes = writeSnapshot(tmp, new JobSnapshot(next, committedOutput, resumedDone));
        force(tmp);
        Files.move(tmp, dir.resolve("snapshot"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(dir);
        Files.deleteIfExists(journalPath(dir, generation));
        generation = next;
    }

    /** Writes {@code header} and the state to {@code file} (not forced); returns the file's length. */
    private long writeSnapshot(Path file, JobSnapshot header) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20))) {
            header.write(out, state);
        }
        return Files.size(file);
    }

    private static Path journalPath(Path dir, long generation) {
        return dir.resolve("journal." + generation);
    }

    /** Deletes the journals in {@code dir} but {@code keep}'s (every one for -1). */
    private static void deleteJournals(Path dir, long keep) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if ((name.startsWith("journal.") && !name.equals("journal." + keep)) || name.equals("journal")) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private record Restored(CrawlState state, long committedOutput, long done, long generation) {}

    /** The snapshot (if any) and its generation's journal up to its last commit. */
    private static Restored restore(Path dir, CrawlConfig config) throws IOException {
        Path snapshot = dir.resolve("snapshot");
        if (!Files.exists(snapshot)) {
            return new Restored(new CrawlState(config.limits()), 0, 0, -1);
        }
        JobSnapshot.Read read;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(snapshot), 1 << 16))) {
            read = JobSnapshot.read(in, config.limits(), "job " + dir);
        }
        CrawlState state = read.state();
        long done = read.header().done();
        Journal.Committed journal = Journal.read(journalPath(dir, read.header().generation()));
        for (Transition transition : journal.transitions()) {
            state.apply(transition);
            if (transition instanceof Transition.Complete) {
                done++;
            }
        }
        return new Restored(state, journal.outputBytes().orElse(read.header().committedOutput()), done,
                read.header().generation());
    }

    /** The job's identity: config and seeds (the output display and progress excepted, and how it is run). */
    private static ObjectNode describe(CrawlConfig config, List<String> seeds) {
        ObjectNode node = JSON.createObjectNode();
        node.put("version", VERSION);
        ObjectNode c = JSON.valueToTree(config);
        c.remove("concurrency");
        ((ObjectNode) c.get("output")).remove(List.of("progress", "overwrite"));
        node.set("config", c);
        seeds.forEach(node.putArray("seeds")::add);
        return node;
    }

    /** The dotted names of what differs between two descriptions. */
    private static List<String> differences(JsonNode stored, JsonNode wanted) {
        List<String> out = new ArrayList<>();
        diff("", stored, wanted, out);
        return out;
    }

    private static void diff(String path, JsonNode a, JsonNode b, List<String> out) {
        if (a != null && b != null && a.isObject() && b.isObject()) {
            List<String> names = new ArrayList<>();
            a.fieldNames().forEachRemaining(names::add);
            for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!names.contains(name)) {
                    names.add(name);
                }
            }
            for (String name : names) {
                diff(path.isEmpty() ? name : path + "." + name, a.get(name), b.get(name), out);
            }
        } else if (a == null || !a.equals(b)) {
            out.add(path + " (was " + text(a) + ", now " + text(b) + ")");
        }
    }

    private static String text(JsonNode node) {
        String text = node == null ? "absent" : node.toString();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    /**
     * The job's one output: a file it can cut back to a commit (JSON Lines, CSV; WARC files and their index,
     * to a file and offset) or write idempotently (SQLite, rows keyed by URL); the config checked its name.
     */
    private static Path resumableOutput(CrawlConfig config) {
        List<Path> outs = config.output().outs();
        Path out = outs.get(0);
        if (outs.size() != 1 || OutputFormat.isStandardOutput(out)) {
            throw new JobException("--job keeps one output file (-o FILE.jsonl, -o FILE.csv, -o FILE.sqlite,"
                    + " -o FILE.warc.gz or -o FILE.warc) for now, not standard output or several; got " + outs);
        }
        return out;
    }

    private static void writeAtomically(Path path, byte[] bytes) throws IOException {
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        force(tmp);
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(path.toAbsolutePath().getParent());
    }

    private static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // not every file system lets a directory be opened; the rename is still atomic
        }
    }
}
