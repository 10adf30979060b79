package dev.trawl.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.fetch.FailureKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordCodecTest {
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aLineOfTheJsonlFileReadsBackAsTheRecordWritten() throws Exception {
        CrawlRecord page = CrawlRecord.builder("http://a.test/x", 2).status(200).contentType(Optional.of("text/html"))
                .fetchedAt(Instant.parse("2026-11-26T10:00:00.123Z")).elapsedMillis(7).bytes(1234)
                .title(Optional.of("T \"q\"")).description(Optional.of("d")).language(Optional.of("de"))
                .canonical(Optional.of("http://a.test/c")).charset(Optional.of("UTF-8")).outlinks(4).noindex(true)
                .attempts(2).build();
        CrawlRecord skipped = CrawlRecord.builder("http://a.test/private", 1)
                .error(FailureKind.ROBOTS_DISALLOWED, "Disallow: /private").build();
        CrawlRecord redirect = CrawlRecord.builder("http://a.test/r", 0).finalUrl("http://a.test/x").status(301)
                .error(FailureKind.REDIRECT_NOT_FOLLOWED, "out of scope").build();
        Path out = dir.resolve("out.jsonl");
        try (Sink sink = Sink.jsonl(out)) {
            List.of(page, skipped, redirect).forEach(sink::write);
        }

        List<CrawlRecord> back = Files.readAllLines(out).stream().map(this::read).toList();

        assertThat(back).containsExactly(page, skipped, redirect);
    }

    @Test
    void anErrorKindIsWrittenInLowerCase() throws Exception {
        Path out = dir.resolve("out.jsonl");
        try (Sink sink = Sink.jsonl(out)) {
            sink.write(CrawlRecord.builder("http://a.test/", 0).error(FailureKind.PARSE_ERROR, "bad").build());
        }

        assertThat(json.readTree(Files.readString(out)).get("error").asText()).isEqualTo("parse_error");
    }

    @Test
    void aMalformedRecordNamesTheField() throws Exception {
        assertThatThrownBy(() -> RecordCodec.read(json.readTree("{\"url\":\"http://a.test/\",\"depth\":0}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("final_url");
        assertThatThrownBy(() -> RecordCodec.read(json.readTree("{\"url\":\"u\",\"depth\":0,\"final_url\":\"u\","
                + "\"fetched_at\":\"1970-01-01T00:00:00Z\",\"error\":\"gremlins\"}")))
                .hasMessageContaining("gremlins");
    }

    private CrawlRecord read(String line) {
        try {
            return RecordCodec.read(json.readTree(line));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
