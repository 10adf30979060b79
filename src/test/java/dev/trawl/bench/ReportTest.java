package dev.trawl.bench;

import static dev.trawl.bench.BenchFixtures.ioCeilings;
import static dev.trawl.bench.BenchFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.stats.CrawlFigures;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report files are written, and each parses as what it claims to be. */
class ReportTest {

    @TempDir
    Path dir;

    @Test
    void jsonCsvChartsAndHtmlAreWrittenAndParse() throws IOException {
        BenchResult result = result(dir.resolve("out"));

        List<Path> files = Report.write(result);

        assertThat(files).extracting(path -> path.getFileName().toString())
                .containsExactly("results.json", "results.csv", "report.html");
        JsonNode json = new ObjectMapper().readTree(dir.resolve("out/results.json").toFile());
        assertThat(json.get("workload").asText()).isEqualTo("io");
        assertThat(json.get("runs")).hasSize(4);
        assertThat(json.get("runs").get(0).get("pages_per_s").asDouble()).isPositive();
        assertThat(json.get("runs").get(0).get("cpu_s_per_1000").asDouble()).isPositive();
        assertThat(json.get("ceilings").get("concurrency_bound_pages_per_s").asDouble()).isEqualTo(1000);
        assertThat(json.get("verdict").asText()).startsWith("io: virtual");
        assertThat(json.get("modes").get("threads").get("pagesPerSecond").get("median").asDouble()).isPositive();

        List<String> csv = Files.readAllLines(dir.resolve("out/results.csv"));
        assertThat(csv).hasSize(5);
        assertThat(csv.getFirst().split(",")).hasSameSizeAs(Report.CSV_COLUMNS.toArray());
        assertThat(csv.get(1).split(",")).hasSameSizeAs(Report.CSV_COLUMNS.toArray());

        for (String chart : List.of("throughput", "cpu", "memory", "latency", "timeline")) {
            BufferedImage image = ImageIO.read(dir.resolve("out/" + chart + ".png").toFile());
            assertThat(image.getWidth()).isEqualTo(Charts.WIDTH);
        }

        String html = Files.readString(dir.resolve("out/report.html"));
        assertThat(html).contains("<h2>Verdict</h2>").doesNotContain("src=\"http").doesNotContain("<script");
        Matcher embedded = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        int images = 0;
        while (embedded.find()) {
            assertThat(ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(embedded.group(1))))).isNotNull();
            images++;
        }
        assertThat(images).isEqualTo(5);
    }

    @Test
    void theTerminalTableHasARowPerModeAndTheCeilings() {
        String table = Report.table(result(dir));

        assertThat(table.lines()).anySatisfy(line -> assertThat(line).startsWith("threads"));
        assertThat(table.lines()).anySatisfy(line -> assertThat(line).startsWith("virtual"));
        assertThat(table).contains("binding: the 64 / 64 ms bound (1,000 pages/s)");
    }

    @Test
    void crawlFiguresSurviveTheirFile() throws IOException {
        CrawlFigures figures = run(BenchMode.PROCESSES, 1, 1000, 3, 1, 2, Map.of("pipe_bytes", 12L)).figures();
        Path file = dir.resolve("figures.json");

        figures.write(file);

        assertThat(CrawlFigures.read(file)).isEqualTo(figures);
        assertThat(Files.readString(file)).contains("\"first_page_since_jvm_start_ms\"");
    }

    private static BenchResult result(Path out) {
        List<RunResult> runs = List.of(run(BenchMode.THREADS, 1, 600), run(BenchMode.VIRTUAL, 1, 880), run(BenchMode.VIRTUAL, 2, 900),
                run(BenchMode.THREADS, 2, 610));
        List<ModeStats> stats = List.of(
                ModeStats.of(BenchMode.THREADS, runs.stream().filter(r -> r.mode() == BenchMode.THREADS).toList()),
                ModeStats.of(BenchMode.VIRTUAL, runs.stream().filter(r -> r.mode() == BenchMode.VIRTUAL).toList()));
        Machine machine = new Machine(2, "25", "Linux", "24 GiB", "1.0 1.0 1.0", "1.1 1.0 1.0");
        return new BenchResult(BenchFixtures.plan(out), machine, ioCeilings(), runs, stats,
                Verdict.judge("io", stats, ioCeilings()), 60);
    }
}
