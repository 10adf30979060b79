package dev.trawl.mode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.config.CrawlConfig;
import dev.trawl.sink.Outputs;
import dev.trawl.sink.Sink;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netpreserve.jwarc.WarcDigest;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;

/** A crawl's WARC holds what the server sent, byte for byte, and {@code trawl export} gives the crawl's records back. */
class WarcRoundTripTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOME = "<html><head><title>Zipped home</title></head><body><h1>Welcome</h1>"
            + "<a href=\"/b\">b</a> <a href=\"/logo.png\">logo</a> <a href=\"/old\">old</a></body></html>";
    private static final byte[] HOME_GZIP = gzip(HOME.getBytes(StandardCharsets.UTF_8));
    private static final byte[] PAGE_B = "<html><head><meta charset=\"windows-1252\"><title>Caf\u00e9</title></head><body><h1>B</h1><p class=x>1</p><p class=x>2</p></body></html>"
            .getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] PNG = new byte[5000];

    @TempDir
    Path dir;

    @StartStop
    final MockWebServer server = new MockWebServer();

    private void serve() {
        PNG[0] = (byte) 0x89;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return switch (request.getUrl().encodedPath()) {
                    case "/robots.txt" -> new MockResponse.Builder().code(200).setHeader("Content-Type", "text/plain")
                            .body("User-agent: *\nDisallow: /private\n").build();
                    case "/" -> new MockResponse.Builder().setHeader("Content-Type", "text/html")
                            .setHeader("Content-Encoding", "gzip").body(new Buffer().write(HOME_GZIP)).build();
                    case "/b" -> new MockResponse.Builder().setHeader("Content-Type", "text/html")
                            .chunkedBody(new Buffer().write(PAGE_B), 17).build();
                    case "/logo.png" -> new MockResponse.Builder().setHeader("Content-Type", "image/png")
                            .body(new Buffer().write(PNG)).build();
                    case "/old" -> new MockResponse.Builder().code(301).setHeader("Location", "/b").build();
                    default -> new MockResponse.Builder().code(404).body("no").build();
                };
            }
        });
    }

    private void crawl(CrawlConfig config) throws Exception {
        try (Outputs outputs = Outputs.open(config.output(), config.extract().fields(), Map.of("software",
                List.of("trawl/test")))) {
            Pipeline pipeline = Pipeline.start(config, List.of(server.url("/").toString()), outputs);
            try (pipeline) {
                dev.trawl.audit.AuditAssert.assertPolite(CompletableFuture.supplyAsync(() -> {
                    try {
                        return pipeline.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }).get(60, TimeUnit.SECONDS));
            }
        }
    }

    /** Both WARC kinds: gzip per record, and uncompressed. */
    @ParameterizedTest
    @ValueSource(strings = {".warc.gz", ".warc"})
    void warcBodiesAreByteIdenticalToWhatTheServerSentAndTheRecordHasTheDecodedText(String extension) throws Exception {
        serve();
        CrawlConfig config = TestCrawl.config(dir.resolve("out.jsonl"));
        config = new CrawlConfig(config.fetch(), config.politeness(), config.limits(), config.scope(),
                config.concurrency(), new CrawlConfig.Output(List.of(dir.resolve("out.jsonl"), dir.resolve("out" + extension)),
                        config.output().progress(), false, true, config.output().warcMaxSize()), config.extract());
        crawl(config);

        Map<String, byte[]> bodies = new HashMap<>();
        Map<String, String> heads = new HashMap<>();
        List<String> types = new ArrayList<>();
        int requests = 0;
        Path warc = dir.resolve("out-00000" + extension);
        byte[] file = Files.readAllBytes(warc);
        if (extension.equals(".warc")) { // records as they are, not gzip members
            assertThat(new String(file, 0, 9, StandardCharsets.US_ASCII)).isEqualTo("WARC/1.1\r");
        } else {
            assertThat(file[0] & 0xff).isEqualTo(0x1f);
            assertThat(file[1] & 0xff).isEqualTo(0x8b);
        }
        try (WarcReader reader = new WarcReader(warc)) {
            for (WarcRecord record : reader) {
                types.add(record.type());
                if (record instanceof WarcResponse response) {
                    String path = response.target().substring(server.url("/").toString().length() - 1);
                    byte[] payload = readAll(response.http().body().stream());
                    bodies.put(path, payload);
                    heads.put(path, new String(response.http().serializeHeader(), StandardCharsets.ISO_8859_1));
                    // the digest of the payload as stored (still content-encoded), whichever codec computed it
                    assertThat(response.payloadDigest()).as(path)
                            .contains(new WarcDigest("sha1", MessageDigest.getInstance("SHA-1").digest(payload)));
                    assertThat(response.ipAddress()).isPresent();
                } else if (record instanceof WarcRequest request) {
                    requests++;
                    assertThat(request.concurrentTo()).hasSize(1);
                }
            }
        }
        assertThat(types.getFirst()).isEqualTo("warcinfo");
        assertThat(bodies.get("/")).isEqualTo(HOME_GZIP);
        assertThat(heads.get("/")).contains("Content-Encoding: gzip");
        assertThat(bodies.get("/b")).isEqualTo(PAGE_B);
        assertThat(bodies.get("/logo.png")).isEqualTo(PNG);
        assertThat(bodies.get("/robots.txt")).asString(StandardCharsets.UTF_8).contains("Disallow: /private");
        assertThat(heads.get("/old")).startsWith("HTTP/1.1 301");
        assertThat(requests).isEqualTo(bodies.size());
        assertThat(types).filteredOn("metadata"::equals).hasSize(4); // /, /b, /logo.png, /old: one per record

        JsonNode home = TestCrawl.read(dir.resolve("out.jsonl")).stream()
                .filter(r -> r.get("url").asText().endsWith(":" + server.getPort() + "/")).findFirst().orElseThrow();
        assertThat(home.get("title").asText()).isEqualTo("Zipped home");
        assertThat(home.get("bytes").asLong()).isEqualTo(HOME.length());

        List<String> index = Files.readAllLines(dir.resolve("out.cdxj"));
        assertThat(index).hasSize(bodies.size()).isSortedAccordingTo(Comparator.naturalOrder());
        for (String line : index) {
            JsonNode entry = JSON.readTree(line.substring(line.indexOf('{')));
            try (WarcReader reader = new WarcReader(FileChannel.open(warc).position(entry.get("offset").asLong()))) {
                WarcRecord record = reader.next().orElseThrow(); // the index points at the start of a record
                assertThat(record).isInstanceOf(WarcResponse.class);
                assertThat(((WarcResponse) record).target()).isEqualTo(entry.get("url").asText());
            }
            // and its length is that record's: its gzip member, or in a .warc the record and its blank lines
            int offset = entry.get("offset").asInt();
            int length = entry.get("length").asInt();
            try (WarcReader reader = new WarcReader(new ByteArrayInputStream(file, offset, length))) {
                WarcResponse response = (WarcResponse) reader.next().orElseThrow();
                assertThat(response.target()).isEqualTo(entry.get("url").asText());
                readAll(response.http().body().stream());
                assertThat(reader.next()).isEmpty();
            }
            assertThat(offset + length == file.length || startsWith(file, offset + length,
                    extension.equals(".warc") ? "WARC/1.1\r\n".getBytes(StandardCharsets.US_ASCII)
                            : new byte[] {0x1f, (byte) 0x8b})).as("the next record begins where %s ends", line).isTrue();
            assertThat(entry.get("filename").asText()).isEqualTo("out-00000" + extension);
        }
    }

    /** One crawl writing both WARC kinds: the same records in each, and export gives the crawl's records back from either. */
    @Test
    void exportFromTheWarcGivesTheSameRecordsAndFieldsAsTheLiveCrawl() throws Exception {
        serve();
        Path live = dir.resolve("live.jsonl");
        CrawlConfig config = TestCrawl.config(live, "extract.fields=heading=h1");
        config = new CrawlConfig(config.fetch(), config.politeness(), config.limits(), config.scope(),
                config.concurrency(), new CrawlConfig.Output(List.of(live, dir.resolve("c.warc.gz"), dir.resolve("p.warc")),
                        config.output().progress(), false, true, config.output().warcMaxSize()), config.extract());
        crawl(config);
        assertThat(recordsOf(dir.resolve("p-00000.warc"))).isEqualTo(recordsOf(dir.resolve("c-00000.warc.gz")))
                .hasSizeGreaterThan(10);

        for (String warc : List.of("c-00000.warc.gz", "p-00000.warc")) {
            Path again = dir.resolve(warc + ".jsonl");
            CrawlConfig export = new CrawlConfig(config.fetch(), config.politeness(), config.limits(), config.scope(),
                    config.concurrency(), new CrawlConfig.Output(List.of(again), config.output().progress(), false, true,
                            config.output().warcMaxSize()), config.extract());
            try (Sink sink = Outputs.open(export.output(), export.extract().fields(), Map.of())) {
                Reexport.Result result = Reexport.run(export, List.of(dir.resolve(warc)), sink);
                assertThat(result.parsed()).as(warc).isEqualTo(2);
            }

            assertThat(byUrl(TestCrawl.read(again))).as(warc).isEqualTo(byUrl(TestCrawl.read(live)));
            assertThat(byUrl(TestCrawl.read(again)).values()).anySatisfy(r ->
                    assertThat(r.get("fields").get("heading").asText()).isEqualTo("B"));
        }
    }

    /** Each record's type, target, payload digest and block, in file order (ids and dates differ between files). */
    private static List<String> recordsOf(Path warc) throws IOException {
        List<String> records = new ArrayList<>();
        try (WarcReader reader = new WarcReader(warc)) {
            for (WarcRecord record : reader) {
                String target = record.headers().first("WARC-Target-URI").orElse("");
                String block = new String(readAll(record.body().stream()), StandardCharsets.ISO_8859_1);
                if (record.type().equals("warcinfo")) {
                    block = block.replaceAll("filename: .*", ""); // names its own file
                }
                records.add(record.type() + " " + target + " " + record.headers().first("WARC-Payload-Digest")
                        .orElse("") + " " + record.headers().first("WARC-Truncated").orElse("") + "\n" + block);
            }
        }
        return records;
    }

    private static boolean startsWith(byte[] file, int at, byte[] prefix) {
        return file.length - at >= prefix.length
                && java.util.Arrays.equals(file, at, at + prefix.length, prefix, 0, prefix.length);
    }

    static Map<String, JsonNode> byUrl(List<JsonNode> records) {
        Map<String, JsonNode> out = new HashMap<>();
        records.forEach(r -> out.put(r.get("url").asText(), r));
        return out;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static byte[] gzip(byte[] bytes) {
        var out = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
