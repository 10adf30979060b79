package dev.trawl.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log's lines, its writer and its reader. */
class AuditLogTest {
    private static final long T0 = 1_795_000_000_123_456_789L;
    private static final AuditPolicy POLICY =
            new AuditPolicy(Duration.ofMillis(250), 2, Duration.ofSeconds(30), Duration.ofSeconds(60));

    @TempDir
    Path dir;

    private static List<AuditEvent> facts() {
        return List.of(
                new AuditEvent.Start(T0, POLICY),
                new AuditEvent.Sent(T0 + 1, T0 + 1, "a.test:80", "http://a.test/robots.txt", AuditEvent.Kind.ROBOTS),
                new AuditEvent.Ended(T0 + 2, "a.test:80", "http://a.test/robots.txt", Optional.of(Duration.ofSeconds(2))),
                new AuditEvent.Sent(T0 + 3, T0 + 3, "a.test:80", "http://a.test/\"q\"", AuditEvent.Kind.PAGE),
                new AuditEvent.Answered(T0 + 4, "a.test:80", "http://a.test/\"q\"", 503, Optional.of(Duration.ofSeconds(5))),
                new AuditEvent.Ended(T0 + 5, "a.test:80", "http://a.test/\"q\"", Optional.empty()));
    }

    @Test
    void everyFactSurvivesItsLineToTheNanosecond() {
        for (AuditEvent fact : facts()) {
            assertThat(AuditLines.parse(AuditLines.format(fact))).isEqualTo(fact);
        }
        assertThat(AuditLines.format(facts().get(1))).isEqualTo("{\"event\":\"sent\",\"at\":\"2026-11-18T11:06:40.123456790Z\","
                + "\"leased\":\"2026-11-18T11:06:40.123456790Z\",\"host\":\"a.test:80\",\"kind\":\"robots\",\"url\":\"http://a.test/robots.txt\"}");
    }

    @Test
    void anOrphanedFactNamesItsHostsOnItsLine() {
        AuditEvent orphaned = new AuditEvent.Orphaned(T0, List.of("a.test:80", "b.test:8080"));

        assertThat(AuditLines.format(orphaned)).isEqualTo("{\"event\":\"orphaned\",\"at\":\"2026-11-18T11:06:40.123456789Z\","
                + "\"hosts\":[\"a.test:80\",\"b.test:8080\"]}");
        assertThat(AuditLines.parse(AuditLines.format(orphaned))).isEqualTo(orphaned);
        assertThatThrownBy(() -> AuditLines.parse("{\"event\":\"orphaned\",\"at\":\"2026-11-19T07:06:40Z\"}"))
                .hasMessageContaining("'hosts' must be a list of hosts");
    }

    @Test
    void aBadLineSaysWhatIsWrong() {
        assertThatThrownBy(() -> AuditLines.parse("{\"event\":\"sent\",\"at\":\"yesterday\"}"))
                .hasMessageContaining("not an ISO-8601 instant: 'yesterday'");
        assertThatThrownBy(() -> AuditLines.parse("{\"event\":\"left\",\"at\":\"2026-11-19T07:06:40Z\"}"))
                .hasMessageContaining("unknown event 'left'");
        assertThatThrownBy(() -> AuditLines.parse("[1]")).hasMessageContaining("not a JSON object");
    }

    @Test
    void whatARecorderWritesIsReplayedInOrder() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        try (AuditRecorder recorder = new AuditRecorder("test-audit", AuditLog.append(file))) {
            facts().forEach(recorder::record);
        }
        List<AuditEvent> back = new ArrayList<>();
        AuditLog.Replayed replayed = AuditLog.replay(file, back::add);

        assertThat(back).isEqualTo(facts());
        assertThat(replayed).isEqualTo(new AuditLog.Replayed(6, false));
    }

    @Test
    void aLineThatCameFormattedIsWrittenAsItCameAmongFactsFormattedHere() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        // as another process wrote it (a processes-mode child): not AuditLines' own spacing and field order
        String child = "{\"event\": \"ended\", \"host\": \"a.test:80\", \"url\": \"http://a.test/\","
                + " \"at\": \"2026-11-18T11:06:40.123456794Z\"}";
        AuditEvent childFact = AuditLines.parse(child);
        try (AuditRecorder recorder = new AuditRecorder("test-audit", AuditLog.append(file))) {
            recorder.record(facts().get(0));
            recorder.record(childFact, child);
        }

        assertThat(Files.readAllLines(file)).containsExactly(AuditLines.format(facts().get(0)), child);
        List<AuditEvent> back = new ArrayList<>();
        AuditLog.replay(file, back::add);
        assertThat(back).containsExactly(facts().get(0), childFact);
    }

    @Test
    void aLineCutByAKillIsLeftOutOnReadingAndCutOffBeforeAppending() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        String whole = String.join("\n", facts().stream().map(AuditLines::format).toList()) + "\n";
        Files.writeString(file, whole + "{\"event\":\"sent\",\"at\":\"2026-");

        List<AuditEvent> back = new ArrayList<>();
        assertThat(AuditLog.replay(file, back::add)).isEqualTo(new AuditLog.Replayed(6, true));

        AuditEvent more = new AuditEvent.Start(T0 + 10, POLICY);
        try (AuditRecorder recorder = new AuditRecorder("test-audit", AuditLog.append(file))) {
            recorder.record(more);
        }
        assertThat(Files.readString(file)).isEqualTo(whole + AuditLines.format(more) + "\n");
    }

    @Test
    void aBadLineInTheMiddleNamesFileAndLine() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        Files.writeString(file, AuditLines.format(facts().get(0)) + "\nnot json\n" + AuditLines.format(facts().get(1))
                + "\n");

        assertThatThrownBy(() -> AuditLog.replay(file, e -> {}))
                .isInstanceOf(AuditInputException.class)
                .hasMessageStartingWith(file + ":2: not an audit fact: not JSON");
    }

    @Test
    void aFileThatDoesNotStartWithThePolicyIsNotAnAuditLog() throws Exception {
        Path file = Files.writeString(dir.resolve("pages.jsonl"), AuditLines.format(facts().get(1)) + "\n");

        assertThatThrownBy(() -> AuditLog.replay(file, e -> {}))
                .hasMessageStartingWith(file + ":1: an audit log starts with a 'start' line");
        assertThatThrownBy(() -> AuditLog.replay(dir.resolve("missing.jsonl"), e -> {}))
                .hasMessage("no such audit log: " + dir.resolve("missing.jsonl"));
    }

    @Test
    void aDestinationThatFailsIsReportedNotThrownAtTheFrontierAndWrittenNoMore() {
        java.util.concurrent.atomic.AtomicInteger batches = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch failed = new java.util.concurrent.CountDownLatch(1);
        AuditRecorder recorder = new AuditRecorder("test-audit", batch -> {
            batches.incrementAndGet();
            failed.countDown();
            throw new java.io.IOException("disk full");
        });
        recorder.record(facts().get(0));
        try {
            assertThat(failed.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        // the frontier goes on recording: nothing thrown at it, and the failed destination is not tried again
        recorder.record(facts().get(1));
        recorder.record(facts().get(2));
        recorder.close();

        assertThat(recorder.failure()).map(Throwable::getMessage).contains("disk full");
        assertThat(batches.get()).as("batches handed to the destination").isEqualTo(1);
    }
}
