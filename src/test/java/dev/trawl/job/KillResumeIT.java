package dev.trawl.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.trawl.config.Mode;
import dev.trawl.sim.SimWeb;
import dev.trawl.sim.SiteSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real {@code trawl crawl --job} process killed with SIGKILL at random moments, then run again with the
 * same command until it finishes: its output equals an uninterrupted crawl's, every URL once, every line
 * whole. In processes mode the killed coordinator's children exit too.
 */
class KillResumeIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int KILLS = 3;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"THREADS", "VIRTUAL", "PROCESSES"})
    void aCrawlKilledAtRandomMomentsAndRunAgainEndsWithTheUninterruptedOutput(Mode mode) throws Exception {
        killAndResume(mode, "out.jsonl");
    }

    /** The other formats a job keeps, in one mode (the output is written in the coordinator in every mode). */
    @ParameterizedTest
    @ValueSource(strings = {"out.csv", "out.sqlite"})
    void aKilledCrawlIntoAnotherFormatHoldsEveryUrlOnceAfterResuming(String file) throws Exception {
        killAndResume(Mode.THREADS, file);
    }

    /**
     * Into WARC files of 1 MiB (so that kills fall across files), with the journal compacted whenever it
     * passes 4 KB (every dozen pages or so, so that kills fall before, during and after compactions): every
     * record once, and every page's response once.
     */
    @org.junit.jupiter.api.Test
    void aKilledWarcCrawlWhoseJournalIsCompactedAsItGoesEndsWithTheUninterruptedOutput() throws Exception {
        int runs = killAndResume(Mode.THREADS, "out.warc.gz", List.of("--job-compact-bytes", "4096"));

        // each opening of the job adds a generation; the rest came from compactions during the runs
        List<String> journals;
        try (var files = Files.list(dir.resolve("job"))) {
            journals = files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("journal")).toList();
        }
        assertThat(journals).hasSize(1);
        assertThat(Long.parseLong(journals.get(0).substring("journal.".length())))
                .as("generations after %d runs", runs).isGreaterThan(runs);
    }

    private void killAndResume(Mode mode, String file) throws Exception {
        killAndResume(mode, file, List.of());
    }

    /** Kills and reruns the crawl until it ends; checks its output against an uninterrupted crawl's. The runs. */
    private int killAndResume(Mode mode, String file, List<String> jobOptions) throws Exception {
        SiteSpec spec = SiteSpec.defaults().withHosts(3).withPagesPerHost(120).withLatency(Duration.ofMillis(40));
        long seed = System.nanoTime();
        Random random = new Random(seed);
        try (SimWeb web = SimWeb.start(spec)) {
            Path reference = dir.resolve("reference.jsonl");
            assertThat(crawl(web, mode, reference, List.of()).waitFor(120, TimeUnit.SECONDS)).isTrue();

            Path out = dir.resolve(file);
            List<String> job = new ArrayList<>(List.of("--job", dir.resolve("job").toString()));
            job.addAll(jobOptions);
            boolean warc = file.endsWith(".warc.gz");
            if (warc) {
                job.addAll(List.of("--warc-max-size", "1MiB")); // a file every 70 pages or so: kills fall across files
            }
            int kills = 0;
            int runs = 0;
            while (true) {
                runs++;
                assertThat(runs).as("runs (kill seed " + seed + ")").isLessThan(KILLS + 4);
                Process process = crawl(web, mode, out, job);
                if (kills < KILLS) {
                    long wait = (mode == Mode.PROCESSES ? 1_500 : 600) + random.nextInt(1_200);
                    if (!process.waitFor(wait, TimeUnit.MILLISECONDS)) {
                        List<ProcessHandle> children = process.descendants().toList();
                        process.destroyForcibly(); // SIGKILL
                        process.waitFor(20, TimeUnit.SECONDS);
                        kills++;
                        await("children of the killed coordinator exit").atMost(Duration.ofSeconds(20))
                                .until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
                        continue;
                    }
                } else {
                    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
                }
                assertThat(process.exitValue()).as(log(process)).isZero();
                break;
            }
            assertThat(kills).as("the crawl outlived a kill at least once (seed " + seed + ")").isPositive();

            Map<String, Integer> expected = statuses(reference);
            assertThat(statuses(out)).as("kill seed " + seed).isEqualTo(expected);
            assertThat(rows(out)).hasSize(expected.size());
            if (warc) {
                // every page that answered has its response archived once (robots.txt and sitemaps, read again
                // by every run, are new captures and may repeat)
                Map<String, Long> responses = warcRecords("response").stream().map(Map.Entry::getKey)
                        .filter(expected::containsKey)
                        .collect(java.util.stream.Collectors.groupingBy(url -> url, java.util.stream.Collectors.counting()));
                Map<String, Long> once = expected.entrySet().stream().filter(e -> e.getValue() != 0)
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> 1L));
                assertThat(responses).as("responses of pages (kill seed " + seed + ")").isEqualTo(once);
            }
            // the job's audit log, across the kills (cut lines, requests left in flight), still proves it polite
            java.io.StringWriter audit = new java.io.StringWriter();
            picocli.CommandLine cmd = dev.trawl.cli.Main.commandLine();
            cmd.setOut(new java.io.PrintWriter(audit, true));
            cmd.setErr(new java.io.PrintWriter(audit, true));
            assertThat(cmd.execute("audit", "--job", dir.resolve("job").toString())).as(audit.toString()).isZero();
            assertThat(audit.toString()).contains("politeness: OK");

            Process again = crawl(web, mode, out, job);
            assertThat(again.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(again.exitValue()).isZero();
            assertThat(log(again)).contains("is done");
            assertThat(rows(out)).hasSize(expected.size());
            return runs;
        }
    }

    /**
     * The records of {@code type} in the WARC files of the crawl ({@code out-NNNNN.warc.gz}), in order: the
     * target URL, and for a trawl metadata record the status of the crawl record it holds (else 0).
     */
    private List<Map.Entry<String, Integer>> warcRecords(String type) throws IOException {
        List<Map.Entry<String, Integer>> records = new ArrayList<>();
        List<Path> files;
        try (var list = Files.list(dir)) {
            files = list.filter(f -> f.getFileName().toString().matches("out-\\d{5}\\.warc\\.gz")).sorted().toList();
        }
        for (Path file : files) {
            try (org.netpreserve.jwarc.WarcReader reader = new org.netpreserve.jwarc.WarcReader(file)) {
                for (org.netpreserve.jwarc.WarcRecord record : reader) {
                    if (!record.type().equals(type) || !(record instanceof org.netpreserve.jwarc.WarcTargetRecord target)) {
                        continue;
                    }
                    int status = 0;
                    if (type.equals("metadata")) {
                        JsonNode json = JSON.readTree(record.body().stream().readAllBytes());
                        status = json.get("status").isNull() ? 0 : json.get("status").asInt();
                    }
                    records.add(Map.entry(target.target(), status));
                }
            }
        }
        return records;
    }

    /** Each record of the output as URL and status, in file order; fails on a line that does not parse. */
    private List<Map.Entry<String, Integer>> rows(Path out) throws IOException {
        if (out.toString().endsWith(".warc.gz")) {
            return warcRecords("metadata");
        }
        List<Map.Entry<String, Integer>> rows = new ArrayList<>();
        if (out.toString().endsWith(".sqlite")) {
            try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + out);
                    var query = db.createStatement();
                    var pages = query.executeQuery("SELECT url, status FROM pages ORDER BY id")) {
                while (pages.next()) {
                    rows.add(Map.entry(pages.getString(1), pages.getInt(2)));
                }
                try (var orphans = query.executeQuery("SELECT (SELECT COUNT(*) FROM links WHERE page_id NOT IN"
                        + " (SELECT id FROM pages)) + (SELECT COUNT(*) FROM fields WHERE page_id NOT IN"
                        + " (SELECT id FROM pages))")) {
                    assertThat(orphans.next()).isTrue();
                    assertThat(orphans.getInt(1)).as("links or fields rows of a replaced page").isZero();
                }
            } catch (java.sql.SQLException e) {
                throw new IOException(e);
            }
            return rows;
        }
        if (out.toString().endsWith(".csv")) {
            CsvMapper csv = new CsvMapper();
            List<String> lines = Files.readAllLines(out);
            assertThat(lines).as("one header row").filteredOn(line -> line.startsWith("url,")).hasSize(1);
            try (MappingIterator<Map<String, String>> it = csv.readerForMapOf(String.class)
                    .with(CsvSchema.emptySchema().withHeader()).readValues(out.toFile())) {
                while (it.hasNext()) {
                    Map<String, String> row = it.next();
                    String status = row.get("status");
                    rows.add(Map.entry(row.get("url"), status == null || status.isEmpty() ? 0 : Integer.parseInt(status)));
                }
            }
            return rows;
        }
        for (String line : Files.readAllLines(out)) {
            JsonNode node = JSON.readTree(line);
            rows.add(Map.entry(node.get("url").asText(), node.get("status").isNull() ? 0 : node.get("status").asInt()));
        }
        return rows;
    }

    /** URL → status of every record; fails on a URL written twice. */
    private Map<String, Integer> statuses(Path out) throws IOException {
        Map<String, Integer> statuses = new HashMap<>();
        for (Map.Entry<String, Integer> row : rows(out)) {
            assertThat(statuses.put(row.getKey(), row.getValue())).as("a second record of " + row.getKey()).isNull();
        }
        return statuses;
    }

    private Process crawl(SimWeb web, Mode mode, Path out, List<String> extra) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.trawl.cli.Main", "crawl",
                "--mode", mode.cliName(), "--workers", "2", "--delay", "0", "--per-host", "2",
                "--max-depth", "1000", "--max-pages", "100000", "--retry-backoff", "10ms",
                "--progress", "off", "--overwrite", "-o", out.toString()));
        web.resolveRules().forEach(rule -> command.addAll(List.of("--resolve", rule)));
        command.addAll(extra);
        command.addAll(web.seeds());
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("log.txt").toFile())).start();
    }

    private String log(Process process) {
        try {
            return Files.readString(dir.resolve("log.txt"));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
