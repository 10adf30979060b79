package dev.trawl.mode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trawl.config.CrawlConfig;
import dev.trawl.sink.Outputs;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.MessageVersion;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcWriter;
import org.netpreserve.jwarc.Warcinfo;

/** {@code trawl export} from a WARC another tool wrote: every HTTP response becomes a record. */
class ForeignWarcExportTest {
    @TempDir
    Path dir;

    private static byte[] response(String head, byte[] body) {
        byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    @Test
    void responsesOfAnotherToolsWarcBecomeRecordsWithFields() throws Exception {
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzip)) {
            out.write("<html><head><title>Gzipped</title></head><body><h1>Sh\u00f6p</h1></body></html>"
                    .getBytes(StandardCharsets.UTF_8));
        }
        byte[] latin = "<html><head><title>Caf\u00e9</title></head><body><h1>Men\u00fc</h1></body></html>"
                .getBytes(StandardCharsets.ISO_8859_1);
        Path warc = dir.resolve("other.warc.gz");
        try (WarcWriter writer = new WarcWriter(warc)) {
            writer.write(new Warcinfo.Builder().version(MessageVersion.WARC_1_0)
                    .fields(Map.of("software", List.of("wget/1.21"))).build());
            writer.write(new WarcResponse.Builder("http://shop.test/a").date(Instant.parse("2026-01-02T03:04:05Z"))
                    .body(MediaType.HTTP_RESPONSE, response("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                            + "Content-Encoding: gzip\r\nContent-Length: " + gzip.size() + "\r\n\r\n", gzip.toByteArray()))
                    .build());
            writer.write(new WarcResponse.Builder("http://shop.test/b").date(Instant.parse("2026-01-02T03:04:06Z"))
                    .body(MediaType.HTTP_RESPONSE, response("HTTP/1.1 200 OK\r\nContent-Type: text/html; "
                            + "charset=ISO-8859-1\r\nContent-Length: " + latin.length + "\r\n\r\n", latin))
                    .build());
            writer.write(new WarcResponse.Builder("http://shop.test/old")
                    .body(MediaType.HTTP_RESPONSE, response("HTTP/1.1 301 Moved\r\nLocation: /b\r\n"
                            + "Content-Length: 0\r\n\r\n", new byte[0]))
                    .build());
            writer.write(new WarcResponse.Builder("http://shop.test/robots.txt")
                    .body(MediaType.HTTP_RESPONSE, response("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                            + "Content-Length: 0\r\n\r\n", new byte[0]))
                    .build());
        }
        Path out = dir.resolve("out.jsonl");
        CrawlConfig config = TestCrawl.config(out, "extract.fields=heading=h1");

        try (Outputs outputs = Outputs.open(config.output(), config.extract().fields(), Map.of())) {
            assertThat(Reexport.run(config, List.of(warc), outputs).records()).isEqualTo(3);
        }

        Map<String, JsonNode> records = WarcRoundTripTest.byUrl(TestCrawl.read(out));
        assertThat(records).containsOnlyKeys("http://shop.test/a", "http://shop.test/b", "http://shop.test/old");
        JsonNode a = records.get("http://shop.test/a");
        assertThat(a.get("title").asText()).isEqualTo("Gzipped");
        assertThat(a.get("fields").get("heading").asText()).isEqualTo("Sh\u00f6p");
        assertThat(a.get("fetched_at").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(a.get("depth").asInt()).isZero();
        assertThat(records.get("http://shop.test/b").get("fields").get("heading").asText()).isEqualTo("Men\u00fc");
        assertThat(records.get("http://shop.test/b").get("charset").asText()).isEqualTo("windows-1252");
        assertThat(records.get("http://shop.test/old").get("final_url").asText()).isEqualTo("http://shop.test/b");
        assertThat(records.get("http://shop.test/old").get("fields").get("heading").isNull()).isTrue();
    }
}
