package dev.trawl.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trawl.config.ConfigLoader;
import dev.trawl.config.ConfigOverride;
import dev.trawl.config.CrawlConfig;
import dev.trawl.frontier.CrawlUrl;
import dev.trawl.frontier.Transition;
import dev.trawl.sink.CrawlRecord;
import dev.trawl.sink.Sink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobTest {
    @TempDir
    Path dir;

    private CrawlConfig config(String... overrides) {
        List<ConfigOverride> list = new java.util.ArrayList<>(List.of(
                ConfigOverride.of("output.out", dir.resolve("out.jsonl").toString())));
        for (String o : overrides) {
            list.add(ConfigOverride.of(o.substring(0, o.indexOf('=')), o.substring(o.indexOf('=') + 1)));
        }
        return ConfigLoader.load(Optional.empty(), list);
    }

    @Test
    void aJobStartedWithAnotherConfigOrSeedsIsRefusedSayingWhatDiffers() {
        Job.open(dir.resolve("job"), config("limits.max-pages=50"), List.of("http://a.test/"), false).close();

        assertThatThrownBy(() -> Job.open(dir.resolve("job"), config("limits.max-pages=60"), List.of("http://a.test/"),
                false)).isInstanceOf(JobException.class).hasMessageContaining("config.limits.maxPages (was 50, now 60)")
                .hasMessageContaining("--job-reset");
        assertThatThrownBy(() -> Job.open(dir.resolve("job"), config("limits.max-pages=50"), List.of("http://b.test/"),
                false)).hasMessageContaining("seeds");
        Job reset = Job.open(dir.resolve("job"), config("limits.max-pages=60"), List.of("http://a.test/"), true);
        assertThat(reset.isNew()).isTrue();
        reset.close();
        Job otherMode = Job.open(dir.resolve("job"), config("limits.max-pages=50", "concurrency.mode=virtual"),
                List.of("http://a.test/"), true);
        assertThat(otherMode.isNew()).as("another mode is the same job").isTrue();
        otherMode.close();
    }

    @Test
    void aJobIsRunByOneRunAtATimeAndFreeAgainWhenItCloses() {
        Job first = Job.open(dir.resolve("job"), config(), List.of("http://a.test/"), false);

        assertThatThrownBy(() -> Job.open(dir.resolve("job"), config(), List.of("http://a.test/"), false))
                .isInstanceOf(JobException.class).hasMessageContaining("is in use by another trawl run")
                .hasMessageContaining("process " + ProcessHandle.current().pid());
        assertThatThrownBy(() -> Job.open(dir.resolve("job"), config(), List.of("http://a.test/"), true))
                .as("--job-reset deletes nothing under a running job").isInstanceOf(JobException.class);
        assertThat(dir.resolve("job").resolve("job.json")).exists();

        first.close();
        Job second = Job.open(dir.resolve("job"), config(), List.of("http://a.test/"), false);
        assertThat(second.isNew()).isFalse();
        second.close();
    }

    @Test
    void whatWasCommittedIsResumedAndTheOutputCutBackToIt() throws Exception {
        CrawlConfig config = config();
        Job job = Job.open(dir.resolve("job"), config, List.of("http://a.test/"), false);
        Sink sink = job.output(() -> Sink.jsonl(dir.resolve("out.jsonl")));
        var state = job.runState().state();
        state.apply(new Transition.Offer(CrawlUrl.of("http://a.test/", 0)));
        sink.write(CrawlRecord.builder("http://a.test/", 0).status(200).build());
        state.apply(new Transition.Complete("http://a.test/", true, List.of("http://a.test/x", "http://a.test/y")));
        job.commit();
        // after the commit: a record and a completion that a kill -9 loses
        sink.write(CrawlRecord.builder("http://a.test/x", 1).status(200).build());
        state.apply(new Transition.Complete("http://a.test/x", true, List.of()));
        sink.flushedPosition();
        long committedLines = 1;

        Job resumed = reopenAfterKill(job, config);
        assertThat(resumed.isNew()).isFalse();
        assertThat(resumed.runState().state().openUrls()).extracting(CrawlUrl::url)
                .containsExactlyInAnyOrder("http://a.test/x", "http://a.test/y");
        try (Sink again = resumedOutput(resumed)) {
            assertThat(Files.readAllLines(dir.resolve("out.jsonl"))).hasSize((int) committedLines);
            again.write(CrawlRecord.builder("http://a.test/x", 1).status(200).build());
            resumed.finish("test");
            resumed.close();
        }
        assertThat(Files.readAllLines(dir.resolve("out.jsonl"))).hasSize(2);
        assertThat(Job.open(dir.resolve("job"), config, List.of("http://a.test/"), false).finished()).isPresent();
        job.close(); // the killed run's job, still committing to its unlinked journal
        sink.close();
    }

    @Test
    void aCsvOutputIsCutBackToItsCommitAndKeepsOneHeaderRow() throws Exception {
        Path out = dir.resolve("out.csv");
        CrawlConfig config = config("output.out=" + out);
        Job job = Job.open(dir.resolve("job"), config, List.of("http://a.test/"), false);
        Sink sink = outputs(job, config);
        var state = job.runState().state();
        state.apply(new Transition.Offer(CrawlUrl.of("http://a.test/", 0)));
        sink.write(CrawlRecord.builder("http://a.test/", 0).status(200).build());
        state.apply(new Transition.Complete("http://a.test/", true, List.of("http://a.test/x")));
        job.commit();
        sink.write(CrawlRecord.builder("http://a.test/x", 1).status(200).build());
        state.apply(new Transition.Complete("http://a.test/x", true, List.of()));
        sink.flushedPosition();
        assertThat(Files.readAllLines(out)).hasSize(3);

        Job resumed = reopenAfterKill(job, config);
        try (Sink again = resumedOutput(resumed)) {
            assertThat(Files.readAllLines(out)).as("header and the committed row").hasSize(2);
            again.write(CrawlRecord.builder("http://a.test/x", 1).status(200).build());
            resumed.finish("test");
            resumed.close();
        }
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("url,");
        assertThat(lines.subList(1, 3)).allSatisfy(line -> assertThat(line).doesNotStartWith("url,"))
                .extracting(line -> line.substring(0, line.indexOf(',')))
                .containsExactly("http://a.test/", "http://a.test/x");
        job.close();
        sink.close();
    }

    @Test
    void aSqliteOutputHoldsEachUrlOnceWithItsLatestLinksAfterAResume() throws Exception {
        Path out = dir.resolve("out.sqlite");
        CrawlConfig config = config("output.out=" + out);
        Job job = Job.open(dir.resolve("job"), config, List.of("http://a.test/"), false);
        Sink sink = outputs(job, config);
        var state = job.runState().state();
        state.apply(new Transition.Offer(CrawlUrl.of("http://a.test/", 0)));
        sink.write(CrawlRecord.builder("http://a.test/", 0).status(200).links(List.of("http://a.test/x")).build());
        state.apply(new Transition.Complete("http://a.test/", true, List.of("http://a.test/x")));
        job.commit();
        // after the commit, and so crawled again after the resume: its rows are in the database already
        sink.write(CrawlRecord.builder("http://a.test/x", 1).status(500).links(List.of("http://a.test/old")).build());
        sink.force();

        Job resumed = reopenAfterKill(job, config);
        assertThat(resumed.runState().state().openUrls()).extracting(CrawlUrl::url).containsExactly("http://a.test/x");
        try (Sink again = resumedOutput(resumed)) {
            again.write(CrawlRecord.builder("http://a.test/x", 1).status(200).links(List.of("http://a.test/new"))
                    .build());
            resumed.finish("test");
            resumed.close();
        }
        job.close();
        sink.close();
        try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + out);
                var s = db.createStatement();
                var rows = s.executeQuery("SELECT p.url, p.status, l.url FROM pages p LEFT JOIN links l"
                        + " ON l.page_id = p.id ORDER BY p.url")) {
            List<String> found = new java.util.ArrayList<>();
            while (rows.next()) {
                found.add(rows.getString(1) + " " + rows.getInt(2) + " " + rows.getString(3));
            }
            assertThat(found).containsExactly("http://a.test/ 200 http://a.test/x", "http://a.test/x 200 http://a.test/new");
            try (var orphans = s.executeQuery("SELECT COUNT(*) FROM links WHERE page_id NOT IN (SELECT id FROM pages)")) {
                assertThat(orphans.next()).isTrue();
                assertThat(orphans.getInt(1)).as("links of a replaced row").isZero();
            }
        }
    }

    /** A page fetched: its exchange (a body of {@code bodyBytes} bytes that do not compress) and its record. */
    private static void fetched(Job job, Sink sink, String url, int depth, int bodyBytes, String... links) {
        byte[] body = new byte[bodyBytes];
        new java.util.Random(url.hashCode()).nextBytes(body);
        job.runState().archive(sink, new dev.trawl.fetch.WireExchange(url, java.time.Instant.parse("2026-11-26T12:00:00Z"),
                Optional.empty(), ("GET " + url + " HTTP/1.1\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                body, false));
        record(job, sink, url, depth, links);
    }

    /** The target URL of each record of {@code type} in the WARC files of {@code out}, in file order. */
    private List<String> warcTargets(String type) throws IOException {
        List<String> targets = new java.util.ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("out-\\d{5}\\.warc(\\.gz)?")).sorted().toList()) {
                try (org.netpreserve.jwarc.WarcReader reader = new org.netpreserve.jwarc.WarcReader(file)) {
                    for (org.netpreserve.jwarc.WarcRecord record : reader) {
                        if (record.type().equals(type)) {
                            targets.add(record instanceof org.netpreserve.jwarc.WarcTargetRecord target ? target.target()
                                    : file.getFileName().toString());
                        }
                    }
                }
            }
        }
        return targets;
    }

    /** Both WARC kinds: gzip per record, and uncompressed (whose offsets are the records' own). */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {".warc.gz", ".warc"})
    void aWarcOutputIsCutBackToItsCommittedFileAndOffsetAndHoldsEachResponseOnce(String extension) throws Exception {
        Path out = dir.resolve("out" + extension);
        CrawlConfig config = config("output.out=" + out, "output.warc-max-size=1MiB");
        Job job = Job.open(dir.resolve("job"), config, List.of("http://a.test/"), false, Compaction.DEFAULT,
                Optional.empty());
        Sink sink = job.output(() -> dev.trawl.sink.Outputs.open(config.output(), config.extract().fields(),
                java.util.Map.of()), java.util.Map.of());
        job.runState().state().apply(new Transition.Offer(CrawlUrl.of("http://a.test/", 0)));
        fetched(job, sink, "http://a.test/", 0, 600_000, "http://a.test/a", "http://a.test/b", "http://a.test/c");
        job.commit();
        fetched(job, sink, "http://a.test/a", 1, 600_000); // fills out-00000: its record begins out-00001
        job.commit();
        // after the last commit: b's exchange and record, and c's exchange in flight, are lost to a kill -9
        fetched(job, sink, "http://a.test/b", 1, 600_000);
        job.runState().archive(sink, new dev.trawl.fetch.WireExchange("http://a.test/c", java.time.Instant.now(),
                Optional.empty(), new byte[] {'G'}, "HTTP/1.1 200 OK\r\n\r\n".getBytes(), new byte[0], false));
        sink.close();
        assertThat(warcTargets("response")).containsExactly("http://a.test/", "http://a.test/a", "http://a.test/b");

        Job resumed = reopenAfterKill(job, config, Compaction.DEFAULT);
        Sink again = resumedOutput(resumed);
        assertThat(warcTargets("response")).containsExactly("http://a.test/", "http://a.test/a");
        assertThat(warcTargets("metadata")).containsExactly("http://a.test/", "http://a.test/a");
        fetched(resumed, again, "http://a.test/b", 1, 600_000);
        fetched(resumed, again, "http://a.test/c", 1, 1_000);
        resumed.finish("test");
        resumed.close();
        again.close();

        List<String> urls = List.of("http://a.test/", "http://a.test/a", "http://a.test/b", "http://a.test/c");
        assertThat(warcTargets("response")).containsExactlyElementsOf(urls);
        assertThat(warcTargets("metadata")).containsExactlyElementsOf(urls);
        assertThat(warcTargets("warcinfo")).as("one per file").containsExactly("out-00000" + extension,
                "out-00001" + extension);
        // the index: one line per response, sorted, each pointing at its response
        List<String> index = Files.readAllLines(dir.resolve("out.cdxj"));
        assertThat(index).hasSize(4).isSorted();
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String line : index) {
            var fields = json.readTree(line.substring(line.indexOf('{')));
            try (var channel = java.nio.channels.FileChannel.open(dir.resolve(fields.get("filename").asText()))) {
                channel.position(Long.parseLong(fields.get("offset").asText()));
                try (org.netpreserve.jwarc.WarcReader reader = new org.netpreserve.jwarc.WarcReader(channel)) {
                    org.netpreserve.jwarc.WarcRecord record = reader.next().orElseThrow();
                    assertThat(record).isInstanceOf(org.netpreserve.jwarc.WarcResponse.class);
                    assertThat(((org.netpreserve.jwarc.WarcResponse) record).target()).isEqualTo(fields.get("url").asText());
                }
            }
            assertThat(fields.get("filename").asText()).endsWith(extension);
        }
        if (extension.equals(".warc")) { // a resumed file goes on with records as they are, not gzip members
            for (String file : List.of("out-00000.warc", "out-00001.warc")) {
                byte[] bytes = Files.readAllBytes(dir.resolve(file));
                assertThat(new String(bytes, 0, 8, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("WARC/1.1");
                long plain = java.util.regex.Pattern.compile("WARC/1\\.1\r\n[A-Za-z-]+: ")
                        .matcher(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)).results().count();
                try (org.netpreserve.jwarc.WarcReader reader = new org.netpreserve.jwarc.WarcReader(dir.resolve(file))) {
                    assertThat(reader.records().count()).as("every record of %s readable as plain text", file)
                            .isEqualTo(plain);
                }
            }
        }
    }

    /** An output whose disk fills up: once {@code full}, forcing it fails as a full disk does. */
    private static final class FillingDisk implements Sink {
        private final Sink file;
        volatile boolean full;

        FillingDisk(Sink file) {
            this.file = file;
        }

        @Override
        public void write(CrawlRecord record) {
            file.write(record);
        }

        @Override
        public void flush() {
            file.flush();
        }

        @Override
        public long flushedPosition() {
            return file.flushedPosition();
        }

        @Override
        public void force() {
            if (full) {
                throw new UncheckedIOException(new IOException("No space left on device"));
            }
            file.force();
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }

    @Test
    void aFailedPeriodicCommitStopsTheRunOnceNamingTheFileAndKeepsWhatWasCommittedBefore() throws Exception {
        CrawlConfig config = config();
        Path out = dir.resolve("out.jsonl");
        Job job = Job.open(dir.resolve("job"), config, List.of("http://a.test/"), false);
        FillingDisk disk = new FillingDisk(Sink.jsonl(out));
        Sink sink = job.output(() -> disk);
        AtomicInteger stops = new AtomicInteger();
        CountDownLatch stopped = new CountDownLatch(1);
        job.onFailure(() -> {
            stops.incrementAndGet();
            stopped.countDown();
        });
        var state = job.runState().state();
        state.apply(new Transition.Offer(CrawlUrl.of("http://a.test/", 0)));
        sink.write(CrawlRecord.builder("http://a.test/", 0).status(200).build());
        state.apply(new Transition.Complete("http://a.test/", true, List.of("http://a.test/x", "http://a.test/y")));
        job.commit();
        disk.full = true;
        // after the disk filled: a record and a completion that no commit can keep
        sink.write(CrawlRecord.builder("http://a.test/x", 1).status(200).build());
        state.apply(new Transition.Complete("http://a.test/x", true, List.of()));

        assertThat(stopped.await(30, TimeUnit.SECONDS)).as("the periodic commit fails and stops the run").isTrue();
        assertThat(job.failure()).hasValueSatisfying(e -> assertThat(e).hasMessageContaining(out.toString())
                .hasMessageContaining("No space left on device").hasMessageContaining("cannot commit job"));
        job.finish("test");
        job.close(); // no last commit after a failed one, and no exception: the failure is reported once
        sink.close();
        assertThat(stops).hasValue(1);
        assertThat(Files.exists(dir.resolve("job").resolve("finished"))).as("a job whose commit failed is not done")
                .isFalse();
        assertThat(Files.readAllLines(out)).as("both records were written, one committed").hasSize(2);

        Job resumed = reopenAfterKill(job, config);
        assertThat(resumed.finished()).isEmpty();
        assertThat(resumed.runState().state().openUrls()).extracting(CrawlUrl::url)
                .containsExactlyInAnyOrder("http://a.test/x", "http://a.test/y");
        try (Sink again = resumedOutput(resumed)) {
            assertThat(Files.readAllLines(out)).as("cut back to the last commit").hasSize(1);
            resumed.close();
        }
    }

    /** Writes {@code url}'s record and completes it with {@code links}, as one step under the commit guard. */
    private static void record(Job job, Sink sink, String url, int depth, String... links) {
        var recording = job.runState().recording();
        recording.lock();
        try {
            sink.write(CrawlRecord.builder(url, depth).status(200).build());
            job.runState().state().apply(new Transition.Complete(url, true, List.of(links)));
        } finally {
            recording.unlock();
        }
    }

    /**
     * {@code killed}'s job opened again, as the next run after a kill -9 opens it (the OS has dropped the killed
     * run's lock), committing every few seconds on a thread of its own.
     */
    private Job reopenAfterKill(Job killed, CrawlConfig config) {
        killed.releaseLockAsOnKill();
        return Job.open(dir.resolve("job"), config, List.of("http://a.test/"), false);
    }

    /** As {@link #reopenAfterKill(Job, CrawlConfig)}, compacting as {@code compaction} says, committing when asked. */
    private Job reopenAfterKill(Job killed, CrawlConfig config, Compaction compaction) {
        killed.releaseLockAsOnKill();
        return Job.open(dir.resolve("job"), config, List.of("http://a.test/"), false, compaction, Optional.empty());
    }

    /** A resumed job's output: the one it was writing, cut back to its commit; never a new one. */
    private static Sink resumedOutput(Job resumed) {
        return resumed.output(() -> {
            throw new AssertionError("a resumed job opens its own output");
        });
    }

    /** A job that compacts at every commit and commits only when asked. */
    private Job compactingJob(CrawlConfig config) {
        return Job.open(dir.resolve("job"), config, List.of("http://a.test/"), false, Compaction.every(1),
                Optional.empty());
    }

    private List<String> journals() throws IOException {
        try (var files = Files.list(dir.resolve("job"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("journal")).sorted().toList();
        }
    }

    @Test
    void aJournalCompactedDuringTheRunLeavesOneSnapshotAndOneJournalAndResumesAtTheLastCommit() throws Exception {
        CrawlConfig config = config();
        Path out = dir.resolve("out.jsonl");
        Job job = compactingJob(config);
        Sink sink = job.output(() -> Sink.jsonl(out));
        var state = job.runState().state();
        state.apply(new Transition.Offer(CrawlUrl.of("http://a.test/", 0)));
        record(job, sink, "http://a.test/", 0, "http://a.test/x", "http://a.test/y");
        job.commit();
        assertThat(journals()).containsExactly("journal.1");
        record(job, sink, "http://a.test/x", 1, "http://a.test/z");
        state.apply(new Transition.Lease("http://a.test/y"));
        state.apply(new Transition.Retry("http://a.test/y"));
        state.apply(new Transition.Lease("http://a.test/y"));
        state.apply(new Transition.Retry("http://a.test/y"));
        job.commit();
        job.commit(); // nothing new: no commit line, no compaction
        assertThat(journals()).containsExactly("journal.2");
        assertThat(Files.exists(dir.resolve("job").resolve("snapshot.tmp"))).isFalse();
        // after the last commit: lost to a kill -9
        state.apply(new Transition.Offer(CrawlUrl.of("http://a.test/w", 1)));
        record(job, sink, "http://a.test/z", 2);
        job.crashAt(step -> {
            throw new IOException("killed"); // the closing commit dies before its commit line
        });
        job.close();
        sink.close();
        assertThat(Files.readAllLines(out)).hasSize(3);

        Job resumed = reopenAfterKill(job, config);
        assertThat(resumed.runState().state().openUrls()).extracting(CrawlUrl::url, CrawlUrl::attempt)
                .as("y retried twice keeps its count").containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("http://a.test/y", 2),
                        org.assertj.core.groups.Tuple.tuple("http://a.test/z", 0));
        assertThat(resumed.resumeLine()).contains("2 URLs done");
        try (Sink again = resumedOutput(resumed)) {
            assertThat(Files.readAllLines(out)).hasSize(2);
            resumed.close();
        }
        assertThat(journals()).containsExactly("journal.3");
    }

    /**
     * A crash after each step of a compaction (a failure injected there, the files left as it leaves them):
     * the job resumes at the commit before it (old snapshot and journal) or at the compacting commit (new
     * ones), never with a transition that came after, and goes on to the end.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Job.Step.class)
    void aCrashAtAnyStepOfACompactionLeavesAJobThatResumesAtACommit(Job.Step crashed) throws Exception {
        CrawlConfig config = config();
        Path out = dir.resolve("out.jsonl");
        Job job = compactingJob(config);
        Sink sink = job.output(() -> Sink.jsonl(out));
        var state = job.runState().state();
        state.apply(new Transition.Offer(CrawlUrl.of("http://a.test/", 0)));
        record(job, sink, "http://a.test/", 0, "http://a.test/x", "http://a.test/y");
        job.commit();
        record(job, sink, "http://a.test/x", 1, "http://a.test/z");
        job.crashAt(step -> {
            if (step == crashed) {
                // the crawl goes on meanwhile: this is in the new journal, and no commit covers it
                state.apply(new Transition.Offer(CrawlUrl.of("http://a.test/w", 1)));
                throw new IOException("crash after " + step);
            }
        });
        assertThatThrownBy(job::commit).isInstanceOf(JobException.class).hasMessageContaining("crash after " + crashed);
        assertThatThrownBy(job::commit).as("a job commits no more after a failed commit")
                .hasMessageContaining("crash after " + crashed);
        job.close();
        sink.close();

        boolean committed = crashed != Job.Step.SNAPSHOT_WRITTEN;
        Job resumed = reopenAfterKill(job, config, Compaction.every(1));
        assertThat(resumed.runState().state().openUrls()).extracting(CrawlUrl::url)
                .containsExactlyInAnyOrderElementsOf(committed ? List.of("http://a.test/y", "http://a.test/z")
                        : List.of("http://a.test/x", "http://a.test/y"));
        Sink again = resumedOutput(resumed);
        assertThat(Files.readAllLines(out)).hasSize(committed ? 2 : 1);
        assertThat(journals()).hasSize(1);
        if (!committed) {
            record(resumed, again, "http://a.test/x", 1, "http://a.test/z");
        }
        record(resumed, again, "http://a.test/y", 1);
        resumed.commit();
        record(resumed, again, "http://a.test/z", 2);
        resumed.finish("test");
        resumed.close();
        again.close();
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(Files.readAllLines(out)).extracting(line -> json.readTree(line).get("url").asText())
                .containsExactly("http://a.test/", "http://a.test/x", "http://a.test/y", "http://a.test/z");
        assertThat(Job.open(dir.resolve("job"), config, List.of("http://a.test/"), false).finished()).isPresent();
    }

    /** The config's outputs, opened through the job (so a resumed job cuts them back to its commit). */
    private static Sink outputs(Job job, CrawlConfig config) {
        return job.output(() -> dev.trawl.sink.Outputs.open(config.output(), config.extract().fields(),
                java.util.Map.of()));
    }
}
