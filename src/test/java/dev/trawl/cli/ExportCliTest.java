package dev.trawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.trawl.sim.SimWeb;
import dev.trawl.sim.SiteSpec;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** {@code crawl} with several outputs and {@code export} from its WARC, as a user types them. */
class ExportCliTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return InProcessCli.run(out, err, args);
    }

    private List<Map<String, String>> csv(Path file) throws Exception {
        try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
            return rows.readAll();
        }
    }

    /** Either WARC kind, named as crawl -o named it (export finds NAME-00000.EXT). */
    @ParameterizedTest
    @ValueSource(strings = {".warc.gz", ".warc"})
    void changedRulesExportedAgainFromTheWarcWithoutTheServer(String extension) throws Exception {
        Path warc = dir.resolve("site" + extension);
        Path jsonl = dir.resolve("site.jsonl");
        try (SimWeb web = SimWeb.start(SiteSpec.defaults().withHosts(1).withPagesPerHost(20).withRedirectLoop(false))) {
            int code = run("crawl", web.seeds().getFirst(), "--delay", "0", "--progress", "off", "-o", jsonl.toString(),
                    "-o", warc.toString(), "--field", "heading=h1");
            assertThat(code).as(err.toString()).isZero();
            assertThat(out.toString()).contains(jsonl + " (JSON Lines", warc + " (WARC 1.1");
            assertThat(dir.resolve("site-00000" + extension)).exists();
        } // the server is gone from here on

        Path rules = Files.writeString(dir.resolve("rules.yaml"), """
                extract:
                  fields:
                    - name: first_link
                      css: "a[href]"
                      value: abs:href
                    - name: links_all
                      css: "a[href]"
                      value: attr:href
                      all: true
                """);
        Path csv = dir.resolve("again.csv");
        int code = run("export", "--from", warc.toString(), "--config", rules.toString(), "-o", csv.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("export complete:", "from 1 WARC files");
        List<Map<String, String>> rows = csv(csv);
        assertThat(rows).hasSize(Files.readAllLines(jsonl).size());
        assertThat(rows.getFirst()).containsKeys("first_link", "links_all").doesNotContainKey("heading");
        assertThat(rows).anySatisfy(row -> assertThat(row.get("first_link")).startsWith("http://127.0.0.1:"));
        assertThat(rows).anySatisfy(row -> assertThat(row.get("links_all")).startsWith("[\""));
    }

    @Test
    void anExistingOutputIsRefusedWithExitCodeTwoUnlessOverwriteIsGiven() throws Exception {
        Path existing = Files.writeString(dir.resolve("pages.csv"), "precious");
        try (SimWeb web = SimWeb.start(SiteSpec.defaults().withHosts(1).withPagesPerHost(3).withRedirectLoop(false))) {
            assertThat(run("crawl", web.seeds().getFirst(), "--delay", "0", "--progress", "off",
                    "-o", existing.toString())).isEqualTo(2);
            assertThat(err.toString()).contains(existing + " exists; not replacing it (give --overwrite");
            assertThat(Files.readString(existing)).isEqualTo("precious");

            assertThat(run("crawl", web.seeds().getFirst(), "--delay", "0", "--progress", "off",
                    "-o", existing.toString(), "--overwrite")).isZero();
            assertThat(Files.readString(existing)).startsWith("url,final_url,");
        }
    }

    @Test
    void anUnknownOutputExtensionIsAUsageErrorNamingTheFormats() {
        assertThat(run("crawl", "http://127.0.0.1:1/", "-o", "pages.xlsx")).isEqualTo(2);
        assertThat(err.toString()).contains("pages.xlsx", ".jsonl, .csv, .warc.gz, .warc, .sqlite");
    }

    @Test
    void exportRefusesAMissingWarcAndAWarcOutput() {
        assertThat(run("export", "--from", dir.resolve("none.warc.gz").toString(), "-o",
                dir.resolve("x.csv").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no such WARC file");
        assertThat(run("export", "--from", "x.warc.gz", "-o", dir.resolve("y.warc.gz").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("export writes .jsonl, .csv and .sqlite, not WARC");
    }
}
