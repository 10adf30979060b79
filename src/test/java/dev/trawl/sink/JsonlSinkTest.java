package dev.trawl.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.fetch.FailureKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlSinkTest {
    @TempDir
    Path dir;

    private static CrawlRecord record(int i) {
        return CrawlRecord.builder("http://a.test/" + i, 1).status(200).contentType(Optional.of("text/html"))
                .fetchedAt(Instant.parse("2026-11-23T20:00:00Z")).elapsedMillis(5).bytes(100)
                .title(Optional.of("Title \"" + i + "\"\n")).language(Optional.of("en"))
                .charset(Optional.of("UTF-8")).outlinks(3).attempts(1).build();
    }

    @Test
    void concurrentWritersLeaveOneWholeObjectPerLine() throws Exception {
        Path out = dir.resolve("sub/out.jsonl");
        try (Sink sink = Sink.jsonl(out); ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> writes = IntStream.range(0, 2_000)
                    .mapToObj(i -> pool.submit(() -> sink.write(record(i)))).<Future<?>>map(f -> f).toList();
            for (Future<?> write : writes) {
                write.get();
            }
        }

        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(2_000);
        Set<String> urls = new HashSet<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            JsonNode node = json.readTree(line);
            urls.add(node.get("url").asText());
            assertThat(node.get("status").asInt()).isEqualTo(200);
            assertThat(node.get("error").isNull()).isTrue();
        }
        assertThat(urls).hasSize(2_000);
    }

    @Test
    void fieldsAreNamedAsDocumented() throws Exception {
        Path out = dir.resolve("out.jsonl");
        try (Sink sink = Sink.jsonl(out)) {
            sink.write(record(7).withError(FailureKind.TIMEOUT, "read timed out"));
        }

        JsonNode node = new ObjectMapper().readTree(Files.readString(out));
        assertThat(node.fieldNames()).toIterable().containsExactly("url", "final_url", "status", "title",
                "content_type", "depth", "fetched_at", "elapsed_ms", "bytes", "description", "language", "canonical",
                "charset", "outlinks", "noindex", "nofollow", "attempts", "error", "error_message");
        assertThat(node.get("title").asText()).isEqualTo("Title \"7\"\n");
        assertThat(node.get("error").asText()).isEqualTo("timeout");
    }

    @Test
    void writingAfterCloseFailsLoudly() throws Exception {
        Sink sink = Sink.jsonl(dir.resolve("out.jsonl"));
        sink.close();

        assertThatThrownBy(() -> sink.write(record(1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void anOutputThatCannotBeOpenedNamesThePath() throws Exception {
        Path blocker = Files.writeString(dir.resolve("file"), "x");

        assertThatThrownBy(() -> Sink.jsonl(blocker.resolve("out.jsonl")))
                .hasMessageContaining(blocker.resolve("out.jsonl").toString());
    }
}
