package dev.trawl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real trawl process, stopped with SIGINT mid-crawl. */
class CtrlCIT {
    @TempDir
    Path dir;

    private Process process;

    @AfterEach
    void noProcessLeftBehind() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void ctrlCLeavesAValidJsonlFileAndPrintsTheSummary() throws Exception {
        Path out = dir.resolve("out.jsonl");
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        String java = ProcessHandle.current().info().command().orElseThrow();
        process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "demo", "--hosts", "2", "--pages", "5000", "--latency", "10ms", "--per-host", "2",
                "--out", out.toString(), "--progress", "off")
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();

        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(out) && Files.size(out) > 0);
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exits after SIGINT").isTrue();

        assertThat(process.exitValue()).isEqualTo(CrawlSession.INTERRUPTED);
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).isNotEmpty().hasSizeLessThan(10_000);
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            assertThat(json.readTree(line).get("url").asText()).startsWith("http://127.0.0.1:");
        }
        assertThat(read(stdout)).contains("crawl interrupted", String.format("%,d", lines.size()));
        assertThat(read(stderr)).contains("SIGINT received");
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file);
    }
}
