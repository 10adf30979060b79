package dev.trawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code trawl bench} end to end on a tiny site: a server process, the ceilings, a warm-up and one crawl process
 * per mode, the report. The reactor and OkHttp's {@code enqueue} are compared as two modes of one run.
 */
class BenchIT {
    @TempDir
    Path dir;

    @Test
    void theReactorAndOkHttpAreComparedInOneRunAndEveryFigureIsRecorded() throws IOException {
        StringWriter out = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(new StringWriter(), true));
        Path results = dir.resolve("bench");

        int code = cmd.execute("bench", "--workload", "cpu", "--hosts", "2", "--pages", "40", "--modes",
                "async,async-okhttp", "--repeat", "1", "--out", results.toString());

        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains("async-okhttp round 1", "steady p/s", "cpu: ");
        JsonNode json = new ObjectMapper().readTree(results.resolve("results.json").toFile());
        assertThat(json.get("runs")).hasSize(2);
        assertThat(json.get("runs").findValuesAsText("mode")).containsExactly("async", "async-okhttp");
        long pages = json.get("runs").get(0).get("pages").asLong();
        assertThat(pages).isGreaterThan(40);
        for (JsonNode run : json.get("runs")) {
            assertThat(run.get("pages").asLong()).isEqualTo(pages); // the same site, crawled whole by both
            assertThat(run.get("steady_pages_per_s").asDouble()).isPositive();
            assertThat(run.get("server_cpu_s").asDouble()).isPositive(); // the server answered every page
            assertThat(run.get("other_cpu_s").asDouble()).isNotNegative();
        }
        // the capacity meter kept at least twice what a crawl may have in flight
        assertThat(json.get("ceilings").get("server_concurrency").asInt())
                .isGreaterThanOrEqualTo(2 * json.get("ceilings").get("in_flight").asInt());
        assertThat(Files.readString(results.resolve("runs/async-okhttp-1.log"))).contains("crawl complete");
    }
}
