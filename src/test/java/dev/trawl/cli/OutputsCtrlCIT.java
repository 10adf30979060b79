package dev.trawl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.trawl.sim.SimWeb;
import dev.trawl.sim.SiteSpec;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;

/** Real trawl processes writing every format, stopped by Ctrl-C or by the reader of their output going away. */
class OutputsCtrlCIT {
    @TempDir
    Path dir;

    private Process process;

    @AfterEach
    void noProcessLeftBehind() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private ProcessBuilder trawl(String... args) {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    @Test
    void ctrlCLeavesEveryOutputValid() throws Exception {
        Path jsonl = dir.resolve("out.jsonl");
        Path sqlite = dir.resolve("out.sqlite");
        process = trawl("demo", "--hosts", "2", "--pages", "5000", "--latency", "10ms", "--per-host", "2",
                "-o", jsonl.toString(), "-o", dir.resolve("out.csv").toString(), "-o", sqlite.toString(),
                "-o", dir.resolve("out.warc.gz").toString(), "--field", "heading=h1", "--progress", "off")
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();

        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(jsonl) && Files.size(jsonl) > 20_000);
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exits after SIGINT").isTrue();
        assertThat(process.exitValue()).isEqualTo(CrawlSession.INTERRUPTED);

        List<String> lines = Files.readAllLines(jsonl);
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            assertThat(json.readTree(line).has("fields")).isTrue();
        }
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(dir.resolve("out.csv").toFile())) {
            it.forEachRemaining(rows::add);
        }
        assertThat(rows).hasSameSizeAs(lines);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + sqlite);
                ResultSet count = db.createStatement().executeQuery("SELECT count(*) FROM pages")) {
            assertThat(count.getLong(1)).isEqualTo(lines.size());
        }
        long metadata = 0;
        try (WarcReader warc = new WarcReader(dir.resolve("out-00000.warc.gz"))) {
            for (WarcRecord record : warc) {
                if (record.type().equals("metadata")) {
                    metadata++;
                }
            }
        }
        assertThat(metadata).isEqualTo(lines.size());
        assertThat(dir.resolve("out.cdxj")).isNotEmptyFile();
    }

    @Test
    void headClosingStandardOutputStopsTheCrawl() throws Exception {
        try (SimWeb web = SimWeb.start(SiteSpec.defaults().withHosts(1).withPagesPerHost(20_000))) {
            process = trawl("crawl", web.seeds().getFirst(), "--delay", "0", "--per-host", "4", "--max-depth", "1000",
                    "-o", "-", "--progress", "off")
                    .redirectError(dir.resolve("stderr.txt").toFile())
                    .start();
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (int i = 0; i < 10; i++) {
                    assertThat(out.readLine()).startsWith("{\"url\":");
                }
            } // like head: read ten lines, then close the pipe
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stops once its reader is gone").isTrue();
            assertThat(process.exitValue()).isEqualTo(CrawlSession.READER_GONE);
            assertThat(Files.readString(dir.resolve("stderr.txt"))).contains("standard output was closed; crawl stopped");
            assertThat(web.hitCounts().size()).isLessThan(web.expected().size() / 2);
        }
    }
}
