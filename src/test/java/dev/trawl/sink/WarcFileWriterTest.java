package dev.trawl.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.fetch.WireExchange;
import java.io.ByteArrayInputStream;
import java.nio.channels.Channels;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.netpreserve.jwarc.WarcDigest;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcTruncationReason;

class WarcFileWriterTest {
    @TempDir
    Path dir;

    private static WireExchange exchange(String path, byte[] body, boolean truncated) {
        return new WireExchange("http://a.test" + path, Instant.parse("2026-11-26T12:00:00Z"), Optional.empty(),
                ("GET " + path + " HTTP/1.1\r\nHost: a.test\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1),
                ("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + body.length
                        + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1),
                body, truncated);
    }

    @ParameterizedTest
    @ValueSource(strings = {".warc.gz", ".warc"})
    void aFullFileIsClosedAndTheNextBeginsWithItsOwnWarcinfo(String extension) throws Exception {
        Random random = new Random(7); // incompressible bodies, so the files really fill
        try (WarcFileWriter writer = new WarcFileWriter(dir.resolve("big" + extension), 1024 * 1024,
                Map.of("software", List.of("trawl/test")))) {
            for (int i = 0; i < 5; i++) {
                byte[] body = new byte[400 * 1024];
                random.nextBytes(body);
                writer.archive(exchange("/" + i, body, false));
                if (i == 2) { // the first file is full (1.2 MB) and closed: its index lines are on disk with it
                    assertThat(Files.readAllLines(dir.resolve("big.cdxj"))).hasSize(3)
                            .allSatisfy(line -> assertThat(line).contains("\"filename\":\"big-00000" + extension + "\""));
                }
            }
        }
        List<Path> files = List.of(dir.resolve("big-00000" + extension), dir.resolve("big-00001" + extension));
        assertThat(files).allSatisfy(file -> assertThat(file).exists());
        try (var names = Files.list(dir)) {
            assertThat(names.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("big-00000" + extension,
                    "big-00001" + extension, "big.cdxj");
        }
        List<String> targets = new ArrayList<>();
        for (Path file : files) {
            try (WarcReader reader = new WarcReader(file)) {
                List<WarcRecord> records = reader.records().toList();
                assertThat(records.getFirst().type()).isEqualTo("warcinfo");
                records.stream().filter(r -> r instanceof WarcResponse)
                        .forEach(r -> targets.add(((WarcResponse) r).target()));
            }
        }
        assertThat(targets).hasSize(5);
        List<String> index = Files.readAllLines(dir.resolve("big.cdxj"));
        assertThat(index).hasSize(5).anySatisfy(line -> assertThat(line).contains("\"filename\":\"big-00001" + extension + "\""));
    }

    @Test
    void eachRequestIsConcurrentToItsResponseAndEveryRecordHasItsOwnIdDateAndTarget() throws Exception {
        Instant started = Instant.parse("2026-11-26T12:00:00.123456Z");
        try (WarcFileWriter writer = new WarcFileWriter(dir.resolve("h.warc.gz"), 1 << 30, Map.of())) {
            for (int i = 0; i < 3; i++) {
                WireExchange exchange = exchange("/" + i, ("body " + i).getBytes(StandardCharsets.UTF_8), false);
                writer.archive(new WireExchange(exchange.url(), started, Optional.of(java.net.InetAddress.getLoopbackAddress()),
                        exchange.requestHead(), exchange.responseHead(), exchange.body(), false));
            }
        }
        List<WarcRecord> records = new ArrayList<>();
        List<String> httpLines = new ArrayList<>(); // read while the reader is on the record
        try (WarcReader reader = new WarcReader(dir.resolve("h-00000.warc.gz"))) {
            for (WarcRecord record : reader) {
                records.add(record);
                if (record instanceof WarcResponse response) {
                    httpLines.add("status " + response.http().status());
                } else if (record instanceof org.netpreserve.jwarc.WarcRequest request) {
                    httpLines.add("target " + request.http().target());
                }
            }
        }
        assertThat(records).extracting(WarcRecord::type)
                .containsExactly("warcinfo", "response", "request", "response", "request", "response", "request");
        assertThat(records).extracting(WarcRecord::id).doesNotHaveDuplicates();
        assertThat(httpLines).containsExactly("status 200", "target /0", "status 200", "target /1", "status 200", "target /2");
        for (int i = 1; i < records.size(); i += 2) {
            WarcResponse response = (WarcResponse) records.get(i);
            org.netpreserve.jwarc.WarcRequest request = (org.netpreserve.jwarc.WarcRequest) records.get(i + 1);
            assertThat(request.concurrentTo()).containsExactly(response.id());
            assertThat(request.target()).isEqualTo(response.target()).isEqualTo("http://a.test/" + (i / 2));
            assertThat(response.version().toString()).isEqualTo("WARC/1.1");
            assertThat(response.date()).isEqualTo(Instant.parse("2026-11-26T12:00:00Z"));
            assertThat(response.ipAddress()).contains(java.net.InetAddress.getLoopbackAddress());
            assertThat(response.contentType().toString()).isEqualTo("application/http;msgtype=response");
            assertThat(response.id().toString())
                    .matches("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        }
    }

    @Test
    void aUrlThatWouldBreakTheHeaderIsRefused() throws Exception {
        try (WarcFileWriter writer = new WarcFileWriter(dir.resolve("x.warc.gz"), 1 << 30, Map.of())) {
            WireExchange bad = exchange("/a\r\nWARC-Type: resource", new byte[0], false);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> writer.archive(bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("WARC-Target-URI");
        }
    }

    @Test
    void aBodyCutAtTheCapIsMarkedTruncated() throws Exception {
        try (WarcFileWriter writer = new WarcFileWriter(dir.resolve("t.warc.gz"), 1 << 30, Map.of())) {
            writer.archive(exchange("/cut", "partial".getBytes(StandardCharsets.UTF_8), true));
            writer.archive(exchange("/whole", "whole".getBytes(StandardCharsets.UTF_8), false));
        }
        try (WarcReader reader = new WarcReader(dir.resolve("t-00000.warc.gz"))) {
            List<WarcResponse> responses = reader.records().filter(r -> r instanceof WarcResponse)
                    .map(r -> (WarcResponse) r).toList();
            assertThat(responses).extracting(WarcResponse::truncated)
                    .containsExactly(WarcTruncationReason.LENGTH, WarcTruncationReason.NOT_TRUNCATED);
        }
    }

    /** Every codec: the JDK's, libdeflate's, ISA-L's and the best this machine has (each skipped if missing). */
    @ParameterizedTest
    @ValueSource(strings = {"jdk", "libdeflate", "isal", "best"})
    void eachIndexLinePointsAtOneGzipMemberHoldingItsResponseWithTheBodysSha1(String which) throws Exception {
        Random random = new Random(11);
        List<byte[]> bodies = new ArrayList<>();
        MemberCodec codec = MemberCodecTest.codec(which);
        try (WarcFileWriter writer = new WarcFileWriter(dir.resolve("i.warc.gz"), 1L << 30, Map.of(), codec)) {
            for (int i = 0; i < 6; i++) {
                byte[] body = new byte[i * 100 * 1024 + 1]; // up to 500 KiB: members larger than the writer's buffer
                random.nextBytes(body);
                bodies.add(body);
                writer.archive(exchange("/" + i, body, false));
            }
        }
        byte[] file = Files.readAllBytes(dir.resolve("i-00000.warc.gz"));
        List<String> index = Files.readAllLines(dir.resolve("i.cdxj"));
        assertThat(index).hasSize(6);
        for (String line : index) {
            JsonNode json = new ObjectMapper().readTree(line.substring(line.indexOf('{')));
            byte[] body = bodies.get(Integer.parseInt(json.get("url").asText().substring("http://a.test/".length())));
            String sha1 = "sha1:" + new WarcDigest("sha1", MessageDigest.getInstance("SHA-1").digest(body)).base32();
            assertThat(json.get("digest").asText()).isEqualTo(sha1);
            assertThat(json.get("mime").asText()).isEqualTo("application/octet-stream");
            assertThat(json.get("status").asText()).isEqualTo("200");
            ByteArrayInputStream member = new ByteArrayInputStream(file, json.get("offset").asInt(), json.get("length").asInt());
            try (WarcReader reader = new WarcReader(Channels.newChannel(member))) {
                WarcRecord record = reader.next().orElseThrow();
                assertThat(record).isInstanceOf(WarcResponse.class);
                WarcResponse response = (WarcResponse) record;
                assertThat(response.target()).isEqualTo(json.get("url").asText());
                assertThat(response.payloadDigest()).contains(new WarcDigest("sha1", MessageDigest.getInstance("SHA-1").digest(body)));
                assertThat(response.http().body().stream().readAllBytes()).isEqualTo(body);
                assertThat(reader.next()).isEmpty();
            }
        }
    }

    @Test
    void theIndexedMediaTypeIsTheContentTypeWithoutParameters() {
        byte[] head = ("HTTP/1.1 200 OK\r\nServer: x\r\nX-Content-Type-Options: nosniff\r\nContent-Types: no\r\n"
                + "content-TYPE : Text/HTML; charset=utf-8\r\nContent-Type: text/plain\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(ResponseHead.of(head).mediaType()).contains("text/html");
        assertThat(ResponseHead.of("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)).mediaType())
                .isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "'Content-Type: text/html\r\nContent-Encoding: gzip', true",
        "'content-encoding : br', true",
        "'Content-Encoding: identity\r\nContent-Type: text/html', false",
        "'Content-Type: image/jpeg', true",
        "'Content-Type: video/mp4; codecs=x', true",
        "'Content-Type: image/svg+xml', false",
        "'Content-Type: text/html; charset=utf-8', false",
        "'X-Content-Encoding: gzip\r\nContent-Type: text/html', false",
        "'Content-Encoding:gzip', true",
    })
    void aBodyCompressedAlreadyIsNotDeflatedAgain(String fields, boolean compressed) {
        byte[] head = ("HTTP/1.1 200 OK\r\n" + fields + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(ResponseHead.of(head).compressed()).isEqualTo(compressed);
    }

    /**
     * Stored members (small records, bodies compressed already) and deflated ones, in one file: every record
     * reads back whole, the gzip-encoded body byte for byte as it came, and the file is one valid gzip stream.
     */
    @Test
    void storedAndDeflatedMembersReadBackAlike() throws Exception {
        byte[] page = "<html><body>caf\u00e9 ".repeat(400).getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(page);
        }
        byte[] encoded = gz.toByteArray();
        WireExchange gzipped = new WireExchange("http://a.test/gz", Instant.parse("2026-11-26T12:00:00Z"),
                Optional.empty(), "GET /gz HTTP/1.1\r\nHost: a.test\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1),
                ("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: "
                        + encoded.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), encoded, false);
        byte[] big = new byte[200_000]; // stored in several blocks
        new Random(5).nextBytes(big);
        WireExchange jpeg = new WireExchange("http://a.test/big.jpg", Instant.parse("2026-11-26T12:00:00Z"),
                Optional.empty(), "GET /big.jpg HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1),
                "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), big, false);
        // said to be compressed and not (a brotli body here is 6,000 'a's): stored by what the header says, where
        // a deflater would shrink it (random or gzip bytes a deflater may store by itself; these it would not)
        byte[] repetitive = "a".repeat(6_000).getBytes(StandardCharsets.ISO_8859_1);
        WireExchange brotli = new WireExchange("http://a.test/br", Instant.parse("2026-11-26T12:00:00Z"),
                Optional.empty(), "GET /br HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1),
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1), repetitive, false);
        try (WarcFileWriter writer = new WarcFileWriter(dir.resolve("s.warc.gz"), 1L << 30, Map.of())) {
            writer.archive(gzipped);
            writer.archive(brotli);
            writer.archive(exchange("/plain", page, false));
            writer.archive(exchange("/tiny", "tiny".getBytes(StandardCharsets.UTF_8), false));
            writer.archive(jpeg);
        }
        Path file = dir.resolve("s-00000.warc.gz");
        Map<String, byte[]> bodies = new java.util.HashMap<>();
        Map<String, Integer> blockTypes = new java.util.HashMap<>();
        byte[] whole = Files.readAllBytes(file);
        try (WarcReader reader = new WarcReader(file)) {
            for (Optional<WarcRecord> next = reader.next(); next.isPresent(); next = reader.next()) {
                WarcRecord record = next.get();
                // each record its own member: a 10-byte gzip header, then the first deflate block's header, whose
                // BTYPE (bits 1-2) is 0 for a stored block, 1 or 2 for a deflated one
                int blockType = (whole[(int) reader.position() + 10] >> 1) & 3;
                if (record instanceof WarcResponse response) {
                    bodies.put(response.target(), response.http().body().stream().readAllBytes());
                    blockTypes.put(response.target(), blockType);
                } else {
                    blockTypes.put(record.type() + " " + record.headers().sole("WARC-Target-URI").orElse(""), blockType);
                }
            }
        }
        assertThat(blockTypes).as("the page deflated; the gzipped body, the JPEG, the tiny page and the requests stored")
                .containsEntry("http://a.test/plain", 2).containsEntry("http://a.test/gz", 0)
                .containsEntry("http://a.test/big.jpg", 0).containsEntry("http://a.test/tiny", 0)
                .containsEntry("http://a.test/br", 0)
                .containsEntry("request http://a.test/plain", 0);
        assertThat(bodies.get("http://a.test/gz")).isEqualTo(encoded);
        assertThat(bodies.get("http://a.test/plain")).isEqualTo(page);
        assertThat(bodies.get("http://a.test/tiny")).isEqualTo("tiny".getBytes(StandardCharsets.UTF_8));
        assertThat(bodies.get("http://a.test/big.jpg")).isEqualTo(big);
        try (java.util.zip.GZIPInputStream all = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
            assertThat(new String(all.readAllBytes(), StandardCharsets.ISO_8859_1)).contains("WARC-Target-URI: http://a.test/big.jpg");
        }
        assertThat(bodies.get("http://a.test/br")).isEqualTo(repetitive);
        assertThat(Files.size(file)).as("the page deflated, the rest stored").isLessThan(
                (long) encoded.length + big.length + repetitive.length + page.length / 2 + 8_000);
    }

    @Test
    void digestsAreBase32AsJwarcWritesThem() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 50; i++) {
            byte[] bytes = new byte[i];
            random.nextBytes(bytes);
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(bytes);
            assertThat(new String(WarcFileWriter.base32(digest), StandardCharsets.US_ASCII)).isEqualTo(new WarcDigest("sha1", digest).base32());
            assertThat(new String(WarcFileWriter.base32(bytes), StandardCharsets.US_ASCII)).as("%d bytes", i).isEqualTo(new WarcDigest("x", bytes).base32());
        }
    }

    @Test
    void filesAreNumberedWithFiveDigits() {
        assertThat(WarcFileWriter.files(dir.resolve("c.warc.gz"))).containsExactly(dir.resolve("c-00000.warc.gz"),
                dir.resolve("c.cdxj"));
        assertThat(WarcFileWriter.files(dir.resolve("c.warc"))).containsExactly(dir.resolve("c-00000.warc"),
                dir.resolve("c.cdxj"));
    }

    @Test
    void theFilesACrawlWroteAreItsNumberedOnesOfItsKindPastFiveDigitsToo() throws Exception {
        for (String name : List.of("crawl-00001.warc.gz", "crawl-00000.warc.gz", "crawl-100000.warc.gz", "crawl-99999.warc.gz",
                "crawl-00000.warc", "crawl-1.warc.gz", "crawl-0000x.warc.gz", "crawl.cdxj", "other-00000.warc.gz")) {
            Files.writeString(dir.resolve(name), "");
        }

        assertThat(Outputs.warcFilesWritten(dir.resolve("crawl.warc.gz"))).extracting(p -> p.getFileName().toString())
                .containsExactly("crawl-00000.warc.gz", "crawl-00001.warc.gz", "crawl-99999.warc.gz",
                        "crawl-100000.warc.gz");
        assertThat(Outputs.warcFilesWritten(dir.resolve("crawl.warc"))).extracting(p -> p.getFileName().toString())
                .containsExactly("crawl-00000.warc");
        assertThat(Outputs.warcFilesWritten(dir.resolve("crawl.jsonl"))).isEmpty();
        assertThat(Outputs.warcFilesWritten(dir.resolve("crawl.txt"))).isEmpty();
        assertThat(Outputs.warcFilesWritten(dir.resolve("missing/crawl.warc.gz"))).isEmpty();
    }

    /**
     * URLs that take the index's quoting path, an IPv6 host, IRIs beyond ASCII (written UTF-8, as WARC 1.1 and jwarc
     * read header fields), and a status line without a reason (as the fetcher writes an HTTP/2 response's): each reads
     * back from the WARC and the index as it was given.
     */
    @Test
    void urlsWithQuotesAndIpv6HostsReadBackFromTheWarcAndTheIndex() throws Exception {
        List<String> urls = List.of("http://a.test/say%20\"hi\"", "http://a.test/back\\slash",
                "http://[::1]:8080/p?q=1", "http://127.0.0.1:19100/p/1.html", "http://a.test/caf\u00e9",
                "http://a.test/\u4e2d\u6587?q=\ud83d\udc1f");
        Instant at = Instant.parse("2026-11-26T12:00:00Z");
        try (WarcFileWriter writer = new WarcFileWriter(dir.resolve("u.warc.gz"), 1L << 30, Map.of())) {
            for (String url : urls) {
                byte[] body = ("<p>" + url + "</p>").getBytes(StandardCharsets.UTF_8);
                writer.archive(new WireExchange(url, at, Optional.of(java.net.InetAddress.getByName("::1")),
                        "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1),
                        ("HTTP/1.1 203\r\nContent-Type: Text/HTML\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1),
                        body, false));
            }
        }
        List<String> targets = new ArrayList<>();
        try (WarcReader reader = new WarcReader(dir.resolve("u-00000.warc.gz"))) {
            reader.records().filter(r -> r instanceof WarcResponse).forEach(r -> targets.add(((WarcResponse) r).target()));
        }
        assertThat(targets).containsExactlyElementsOf(urls);
        List<String> indexed = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("u.cdxj"), StandardCharsets.UTF_8)) {
            JsonNode json = new ObjectMapper().readTree(line.substring(line.indexOf('{')));
            assertThat(line).startsWith(Surt.of(json.get("url").asText()) + " 20261126120000 {\"url\":");
            assertThat(json.get("status").asText()).isEqualTo("203");
            assertThat(json.get("mime").asText()).isEqualTo("text/html");
            indexed.add(json.get("url").asText());
        }
        assertThat(indexed).containsExactlyInAnyOrderElementsOf(urls);
    }
}
