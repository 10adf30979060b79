package dev.trawl.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Index lines made into bytes: the same bytes as the writer's way before (each name and value quoted by Jackson
 * into a StringBuilder, the text written through a UTF-8 Writer), for plain URLs and for those that take the
 * quoting path.
 */
class CdxjLineTest {
    private static final JsonStringEncoder JSON = JsonStringEncoder.getInstance();

    /** The line as the writer made it before this class. */
    private static byte[] before(String surt, String timestamp, String url, String mime, int status, String digest,
            long length, long offset, String fileName) {
        StringBuilder line = new StringBuilder().append(surt).append(' ').append(timestamp).append(" {");
        String[][] fields = {{"url", url}, {"mime", mime}, {"status", Integer.toString(status)},
            {"digest", "sha1:" + digest}, {"length", Long.toString(length)}, {"offset", Long.toString(offset)},
            {"filename", fileName}};
        for (int i = 0; i < fields.length; i++) {
            line.append(i == 0 ? "" : ",").append('"');
            JSON.quoteAsString(fields[i][0], line);
            line.append("\":\"");
            JSON.quoteAsString(fields[i][1], line);
            line.append('"');
        }
        return line.append("}\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] now(String surt, String timestamp, String url, String mime, int status, String digest,
            long length, long offset, String fileName) throws Exception {
        CdxjLine line = new CdxjLine();
        line.begin(surt, timestamp);
        line.field(CdxjLine.Field.URL, url);
        line.field(CdxjLine.Field.MIME, mime);
        line.field(CdxjLine.Field.STATUS, status);
        line.field(CdxjLine.Field.DIGEST, "sha1:".getBytes(StandardCharsets.US_ASCII), digest.getBytes(StandardCharsets.US_ASCII));
        line.field(CdxjLine.Field.LENGTH, length);
        line.field(CdxjLine.Field.OFFSET, offset);
        line.end(CdxjLine.lastField(CdxjLine.Field.FILENAME, fileName));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        line.writeTo(out);
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://127.0.0.1:19100/p/1.html",
        "https://www.example.com/a/b?x=1&y=two",
        "http://a.test/say \"hi\"",
        "http://a.test/back\\slash",
        "http://a.test/caf\u00e9",
        "http://a.test/\u4e2d\u6587/\u00fcber",
        "http://a.test/emoji/\ud83d\ude00",
        "http://a.test/lone/\ud83d",
        "http://a.test/p?q=\u4e2d&r=?",
        "http://a.test/tab\there/line\nend/del\u007f",
        "http://[::1]:8080/p?q=[1]",
        "http://[fe80::1%25eth0]/x",
        "",
    })
    void anIndexLineIsTheBytesTheJacksonQuotedTextGave(String url) throws Exception {
        String surt = Surt.of(url.isEmpty() ? "http://a.test/" : url);
        byte[] expected = before(surt, "20261127110000", url, "text/html", 200, "NL2GC5BP2I6RAXQDNU7E6DGFYM3WUVFJ",
                14_600, 1L << 35, "crawl-00000.warc.gz");

        byte[] line = now(surt, "20261127110000", url, "text/html", 200, "NL2GC5BP2I6RAXQDNU7E6DGFYM3WUVFJ",
                14_600, 1L << 35, "crawl-00000.warc.gz");

        assertThat(line).isEqualTo(expected);
        String text = new String(line, StandardCharsets.UTF_8);
        assertThat(new ObjectMapper().readTree(text.substring(text.indexOf('{'))).get("url").asText())
                .isEqualTo(url.replace("/lone/\ud83d", "/lone/?")); // a lone surrogate: "?", as a Writer encodes it
    }

    @ParameterizedTest
    @ValueSource(strings = {"a \"quoted\" name.warc.gz", "\u00e9t\u00e9-00000.warc.gz", "plain-00000.warc"})
    void fileNamesAndMediaTypesAreQuotedAsUrlsAre(String value) throws Exception {
        assertThat(now("a,test)/", "20261127110000", "http://a.test/", value, 0, "X", 0, 0, value))
                .isEqualTo(before("a,test)/", "20261127110000", "http://a.test/", value, 0, "X", 0, 0, value));
    }

    @TempDir
    Path dir;

    /** The index as the writer sorted it before: its lines read as text, sorted by String, written again. */
    private static byte[] sortedAsStrings(Path file) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        lines.sort(null);
        Path out = file.resolveSibling("strings.cdxj");
        Files.write(out, lines, StandardCharsets.UTF_8);
        return Files.readAllBytes(out);
    }

    @Test
    void theIndexIsSortedInTheOrderOfItsLinesText() throws Exception {
        // characters on either side of each place UTF-8's byte order and UTF-16's order could part: ASCII, Latin-1,
        // below and above the surrogates, U+E000 and up, and past U+FFFF (a surrogate pair in a String)
        String[] pieces = {"a", "b", "/", "{", "\u00e9", "\u00ff", "\u0800", "\ud7ff", "\ue000", "\uffee", "\ufffd",
            "\ud83d\ude00", "\ud800\udc00", "\udbff\udfff", "1", "0"};
        Random random = new Random(3);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            StringBuilder line = new StringBuilder(i % 3 == 0 ? "127,0,0,1:19100)/p/" : "");
            for (int n = random.nextInt(6); n >= 0; n--) {
                line.append(pieces[random.nextInt(pieces.length)]);
            }
            lines.add(line.toString());
        }
        lines.add("");
        lines.add("127,0,0,1:19100)/p/");
        lines.add("127,0,0,1:19100)/p/");
        Path index = dir.resolve("i.cdxj");
        Files.write(index, lines, StandardCharsets.UTF_8);
        byte[] expected = sortedAsStrings(index);

        CdxjLine.sort(index);

        assertThat(Files.readAllBytes(index)).isEqualTo(expected);
        assertThat(dir.resolve("i.cdxj.tmp")).doesNotExist();
    }

    @Test
    void aLastLineWithoutItsLineFeedIsALineAndAnEmptyIndexStaysEmpty() throws Exception {
        Path index = dir.resolve("t.cdxj");
        Files.writeString(index, "b 1 {}\na 2 {}");
        CdxjLine.sort(index);
        assertThat(Files.readString(index)).isEqualTo("a 2 {}\nb 1 {}\n");

        Files.writeString(index, "");
        CdxjLine.sort(index);
        assertThat(Files.readString(index)).isEmpty();
    }
}
