package dev.trawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.audit.AuditEvent;
import dev.trawl.audit.AuditLines;
import dev.trawl.audit.AuditPolicy;
import dev.trawl.sim.SimWeb;
import dev.trawl.sim.SiteSpec;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trawl audit} as CI runs it: on a real crawl's log, a job, a JSONL output, and crafted violations. */
class AuditCliTest {
    private static final long MS = 1_000_000L;
    private static final long T0 = 1_795_000_000_000_000_000L;

    @TempDir
    Path dir;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return InProcessCli.run(out, err, args);
    }

    /** An audit log of {@code events}, as a crawl writes it. */
    private Path auditLog(AuditEvent... events) throws java.io.IOException {
        return Files.write(dir.resolve("audit.jsonl"), java.util.Arrays.stream(events).map(AuditLines::format).toList());
    }

    private static SiteSpec site() {
        return SiteSpec.defaults().withHosts(2).withPagesPerHost(15).withRedirectLoop(false);
    }

    @Test
    void theLogOfARealCrawlPassesAndTheSameRecordsPassTheJsonlAudit() throws Exception {
        Path log = dir.resolve("audit.jsonl");
        Path jsonl = dir.resolve("pages.jsonl");
        try (SimWeb web = SimWeb.start(site())) {
            int code = run("crawl", web.seeds().get(0), web.seeds().get(1), "--delay", "20ms", "--per-host", "1",
                    "--progress", "off", "-o", jsonl.toString(), "--audit-log", log.toString());
            assertThat(code).as(err.toString()).isZero();
            assertThat(out.toString()).contains("politeness: OK — ", "audit log  " + log);
        }

        assertThat(run("audit", "--log", log.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("facts from 1 crawling process", "tightest gap (required)",
                "politeness: OK — ").contains("(required 20 ms)");
        assertThat(out.toString().lines().filter(l -> l.contains("127.0.0.1:"))).hasSize(2);

        // the records alone: only the delay and the cap, and it says so
        assertThat(run("audit", "--jsonl", jsonl.toString(), "--delay", "20ms", "--per-host", "1")).as(out.toString())
                .isZero();
        assertThat(out.toString()).contains("JSONL only: checked politeness.delay (20 ms) and politeness.per-host (1)",
                "Not in the records, so not checked: robots.txt and sitemap requests", "politeness: OK — ");
    }

    @Test
    void aJobKeepsItsLogAndTheAuditReadsIt() throws Exception {
        Path job = dir.resolve("job");
        try (SimWeb web = SimWeb.start(site())) {
            int code = run("crawl", web.seeds().get(0), "--delay", "0", "--progress", "off", "-o",
                    dir.resolve("pages.jsonl").toString(), "--job", job.toString(), "--mode", "virtual");
            assertThat(code).as(err.toString()).isZero();
        }
        assertThat(job.resolve("audit.jsonl")).exists();

        assertThat(run("audit", "--job", job.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("politeness: OK — ");
    }

    @Test
    void aCraftedLogWithAViolationFailsNamingTheHost() throws Exception {
        AuditPolicy policy = new AuditPolicy(Duration.ofSeconds(1), 2, Duration.ofSeconds(30), Duration.ofSeconds(60));
        Path log = auditLog(new AuditEvent.Start(T0, policy),
                new AuditEvent.Sent(T0, T0, "good.test:80", "http://good.test/", AuditEvent.Kind.PAGE),
                new AuditEvent.Sent(T0 + 5 * MS, T0 + 5 * MS, "rude.test:80", "http://rude.test/a", AuditEvent.Kind.PAGE),
                new AuditEvent.Ended(T0 + 10 * MS, "rude.test:80", "http://rude.test/a", Optional.empty()),
                new AuditEvent.Ended(T0 + 10 * MS, "good.test:80", "http://good.test/", Optional.empty()),
                new AuditEvent.Sent(T0 + 410 * MS, T0 + 410 * MS, "rude.test:80", "http://rude.test/b", AuditEvent.Kind.PAGE),
                new AuditEvent.Sent(T0 + 1_010 * MS, T0 + 1_010 * MS, "good.test:80", "http://good.test/b", AuditEvent.Kind.PAGE));

        assertThat(run("audit", "--log", log.toString())).isEqualTo(AuditCommand.IMPOLITE);
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(2)).startsWith("rude.test:80").endsWith("1"); // worst host first
        assertThat(out.toString()).contains("politeness: 1 VIOLATION — 1 gap under politeness.delay;",
                "delay  rude.test:80 http://rude.test/b at 2026-11-18T11:06:40.410Z: started 400 ms after the host's"
                        + " previous request ended; politeness.delay requires 1,000 ms");
    }

    @Test
    void aChildThatLeftRequestsInFlightIsToldApartFromTheCrawlingProcesses() throws Exception {
        AuditPolicy policy = new AuditPolicy(Duration.ofMillis(100), 2, Duration.ofSeconds(30), Duration.ofSeconds(60));
        Path log = auditLog(new AuditEvent.Start(T0, policy),
                new AuditEvent.Sent(T0, T0, "a.test:80", "http://a.test/", AuditEvent.Kind.PAGE),
                new AuditEvent.Orphaned(T0 + 50 * MS, List.of("a.test:80")),
                new AuditEvent.Sent(T0 + 200 * MS, T0 + 200 * MS, "a.test:80", "http://a.test/b", AuditEvent.Kind.PAGE));

        assertThat(run("audit", "--log", log.toString())).as(out.toString()).isZero();
        assertThat(out.toString()).contains("facts from 1 crawling process (1 processes-mode child exit left requests"
                + " in flight, counted as ended)", "politeness: OK — ");
    }

    @Test
    void theJsonlAloneCatchesAGapUnderTheDelayItIsTold() throws Exception {
        Path jsonl = Files.write(dir.resolve("pages.jsonl"), List.of(
                "{\"url\":\"http://a.test/1\",\"fetched_at\":\"2026-11-26T10:00:00Z\",\"elapsed_ms\":100,\"attempts\":1}",
                "{\"url\":\"http://a.test/robots-said-no\",\"fetched_at\":\"2026-11-26T10:00:00.150Z\",\"attempts\":0}",
                "{\"url\":\"http://b.test/refused\",\"fetched_at\":\"2026-11-26T10:00:00.150Z\",\"elapsed_ms\":0,\"attempts\":1}",
                "{\"url\":\"http://b.test/next\",\"fetched_at\":\"2026-11-26T10:00:01.150Z\",\"elapsed_ms\":0,\"attempts\":1}",
                "{\"url\":\"http://a.test/2\",\"fetched_at\":\"2026-11-26T10:00:00.600Z\",\"elapsed_ms\":100,\"attempts\":1}"));

        // a request of 0 ms ends after it starts: b.test never has two in flight under a cap of 1
        assertThat(run("audit", "--jsonl", jsonl.toString(), "--delay", "500ms", "--per-host", "1")).as(out.toString())
                .isZero();
        assertThat(run("audit", "--jsonl", jsonl.toString(), "--delay", "1s")).isEqualTo(AuditCommand.IMPOLITE);
        assertThat(out.toString()).contains("5 records, 4 of them requests", "a.test http://a.test/2");
    }

    @Test
    void badInputExitsWithTwoNamingFileAndLine() throws Exception {
        assertThat(run("audit", "--log", dir.resolve("missing.jsonl").toString())).isEqualTo(AuditCommand.BAD_INPUT);
        assertThat(err.toString()).contains("no such audit log: " + dir.resolve("missing.jsonl"));

        Path jsonl = Files.write(dir.resolve("pages.jsonl"), List.of(
                "{\"url\":\"http://a.test/1\",\"fetched_at\":\"2026-11-26T10:00:00Z\",\"attempts\":1}", "{oops"));
        assertThat(run("audit", "--jsonl", jsonl.toString())).isEqualTo(AuditCommand.BAD_INPUT);
        assertThat(err.toString()).contains(jsonl + ":2: not a JSON record");

        assertThat(run("audit", "--job", dir.toString())).isEqualTo(AuditCommand.BAD_INPUT);
        assertThat(err.toString()).contains("has no audit log");

        assertThat(run("audit")).isEqualTo(AuditCommand.BAD_INPUT);
        assertThat(err.toString()).contains("audit needs one of --job DIR, --log FILE or --jsonl FILE");
    }

    @Test
    void anAuditLogThatExistsIsNotReplacedWithoutOverwrite() throws Exception {
        Path log = Files.writeString(dir.resolve("audit.jsonl"), "keep me\n");
        int code = run("crawl", "http://127.0.0.1:1/", "--progress", "off", "-o", dir.resolve("p.jsonl").toString(),
                "--audit-log", log.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--audit-log: " + log + " exists");
        assertThat(log).hasContent("keep me");
    }
}
