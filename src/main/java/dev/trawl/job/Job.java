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
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * {@code --job DIR}: a crawl whose state survives the process. DIR holds
 * <ul>
 * <li>{@code job.json}: the config and seeds the job was started with; a run with others is refused;
 * <li>{@code snapshot}: the crawl state and the output's committed length, written when a run opens the
 *     job (the journal is then folded in and emptied);
 * <li>{@code journal}: the state's transitions since the snapshot, with commit lines ({@link Journal});
 * <li>{@code finished}: present once the crawl ended; a finished job is not run again.
 * </ul>
 * Every {@link #COMMIT_EVERY} the job commits: the output is flushed and forced to disk, then a commit line
 * naming the output's length and the journal's is forced after it. A crash loses at most what came after
 * the last commit: on resume the output is cut back to the committed length, and the URLs whose records were
 * cut are crawled again (as are requests in flight at the stop). So each URL's record is in the output once.
 *
 * <p>Thread-safe. The caller opens the job, runs the crawl with {@link #runState()} and {@link #output()},
 * then calls {@link #finish()} if the crawl ended, and {@link #close()} in any case.
 */
public final class Job implements AutoCloseable {
    /** How often the output and the journal are committed to disk. */
    public static final Duration COMMIT_EVERY = Duration.ofMillis(200);

    private static final int VERSION = 1;
    private static final ObjectMapper JSON = ConfigJson.mapper();

    private final Path dir;
    private final CrawlConfig config;
    private final Path outputPath;
    private final CrawlState state;
    private final long committedOutput;
    private final boolean fresh;
    private final Optional<String> finished;
    private final ReentrantReadWriteLock guard = new ReentrantReadWriteLock();
    private final LongAdder cancelled = new LongAdder();
    private final long resumedDone;
    private Journal journal;
    private Sink sink;
    private Thread committer;
    private final java.util.concurrent.CountDownLatch closing = new java.util.concurrent.CountDownLatch(1);
    /** The first commit that failed; once set, the job commits no more and its run is stopped. */
    private final java.util.concurrent.atomic.AtomicReference<JobException> failure =
            new java.util.concurrent.atomic.AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicReference<Runnable> onFailure =
            new java.util.concurrent.atomic.AtomicReference<>(() -> {});

    private Job(Path dir, CrawlConfig config, Path outputPath, CrawlState state, long committedOutput,
            boolean fresh, Optional<String> finished, long resumedDone) {
        this.dir = dir;
        this.config = config;
        this.outputPath = outputPath;
        this.state = state;
        this.committedOutput = committedOutput;
        this.fresh = fresh;
        this.finished = finished;
        this.resumedDone = resumedDone;
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
        try {
            Path output = resumableOutput(config);
            if (reset) {
                for (String name : List.of("job.json", "snapshot", "snapshot.tmp", "journal", "finished")) {
                    Files.deleteIfExists(dir.resolve(name));
                }
            }
            Files.createDirectories(dir);
            Path description = dir.resolve("job.json");
            ObjectNode wanted = describe(config, seeds);
            if (!Files.exists(description)) {
                writeAtomically(description, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(wanted));
                Files.deleteIfExists(dir.resolve("snapshot"));
                Files.deleteIfExists(dir.resolve("journal"));
                Files.deleteIfExists(dir.resolve("finished"));
                Job job = new Job(dir, config, output, new CrawlState(config.limits().maxPages(), config.limits().maxDepth()),
                        0, true, Optional.empty(), 0);
                job.snapshot();
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
                    restored.done);
            if (finished.isEmpty()) {
                job.snapshot();
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
    public synchronized Sink output(Supplier<Sink> newOutput) {
        if (sink != null) {
            throw new IllegalStateException("the job's output is open already");
        }
        sink = fresh ? newOutput.get() : Outputs.resume(config.output(), config.extract().fields(),
                committedOutput);
        try {
            journal = Journal.create(dir.resolve("journal"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the journal of job " + dir + ": " + e.getMessage(), e);
        }
        state.journalTo(journal::append);
        committer = Thread.ofPlatform().name("trawl-job-commit").daemon().start(this::commitLoop);
        return sink;
    }

    /**
     * Commits every {@link #COMMIT_EVERY} until closing, or until a commit fails: then the run is stopped
     * ({@link #onFailure}), since going on would crawl pages that no commit could keep. Never interrupted
     * (that would close file channels).
     */
    private void commitLoop() {
        try {
            while (!closing.await(COMMIT_EVERY.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                if (!tryCommit()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Commits unless a commit failed before; a failure is kept, and stops the run. Whether it committed. */
    private boolean tryCommit() {
        if (failure.get() != null) {
            return false;
        }
        try {
            commit();
            return true;
        } catch (JobException e) {
            if (failure.compareAndSet(null, e)) {
                onFailure.get().run();
            }
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
     * that cannot be synced) no commit line is forced, so the last commit stands.
     *
     * @throws JobException naming the file that failed and why
     */
    public void commit() {
        long outputBytes;
        long journalBytes;
        guard.writeLock().lock();
        try {
            outputBytes = step("write out " + outputPath, sink::flushedPosition);
            journalBytes = step("write the journal " + dir.resolve("journal"), journal::flush);
        } finally {
            guard.writeLock().unlock();
        }
        step("force " + outputPath + " to disk", () -> {
            sink.force();
            return 0L;
        });
        step("force the journal " + dir.resolve("journal") + " to disk", () -> {
            journal.commit(journalBytes, outputBytes);
            journal.flush();
            journal.force();
            return 0L;
        });
    }

    /** One step of a commit ({@code what}, naming its file); a failure becomes a {@link JobException}. */
    private long step(String what, IoStep step) {
        try {
            return step.run();
        } catch (IOException | UncheckedIOException e) {
            IOException cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : (IOException) e;
            throw new JobException("cannot commit job " + dir + ": could not " + what + ": "
                    + rootMessage(cause), e);
        }
    }

    private interface IoStep {
        long run() throws IOException;
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
        stopCommitter();
        if (journal != null) {
            try {
                tryCommit();
            } finally {
                try {
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

    /** Writes the state and the committed output length to {@code snapshot}; the journal starts empty. */
    private void snapshot() throws IOException {
        Path tmp = dir.resolve("snapshot.tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            out.writeInt(VERSION);
            out.writeLong(committedOutput);
            out.writeLong(resumedDone);
            state.writeTo(out);
        }
        force(tmp);
        Files.move(tmp, dir.resolve("snapshot"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(dir.resolve("journal"));
        forceDirectory(dir);
    }

    private record Restored(CrawlState state, long committedOutput, long done) {}

    private static Restored restore(Path dir, CrawlConfig config) throws IOException {
        Path snapshot = dir.resolve("snapshot");
        CrawlState state;
        long committed = 0;
        long done = 0;
        if (Files.exists(snapshot)) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(snapshot), 1 << 16))) {
                int version = in.readInt();
                if (version != VERSION) {
                    throw new JobException("job " + dir + " was written by another trawl (snapshot version " + version
                            + "); give --job-reset to start it over");
                }
                committed = in.readLong();
                done = in.readLong();
                state = CrawlState.readFrom(in, config.limits().maxPages(), config.limits().maxDepth());
            }
        } else {
            state = new CrawlState(config.limits().maxPages(), config.limits().maxDepth());
        }
        Journal.Committed journal = Journal.read(dir.resolve("journal"));
        for (Transition transition : journal.transitions()) {
            state.apply(transition);
            if (transition instanceof Transition.Complete) {
                done++;
            }
        }
        return new Restored(state, journal.outputBytes().orElse(committed), done);
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
     * The job's one output: a file it can cut back to a commit (JSON Lines, CSV) or write idempotently
     * (SQLite, rows keyed by URL); the config checked its name.
     */
    private static Path resumableOutput(CrawlConfig config) {
        List<Path> outs = config.output().outs();
        Path out = outs.get(0);
        if (outs.size() != 1 || OutputFormat.isStandardOutput(out)
                || !Set.of(OutputFormat.JSONL, OutputFormat.CSV, OutputFormat.SQLITE).contains(OutputFormat.of(out))) {
            throw new JobException("--job keeps one JSON Lines, CSV or SQLite file (-o FILE.jsonl, -o FILE.csv,"
                    + " -o FILE.sqlite) for now, not WARC or standard output;"
                    + " got " + outs);
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
