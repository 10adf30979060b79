package dev.trawl.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.trawl.fetch.FetchResult.Fetched;
import dev.trawl.parse.Page.CharsetSource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsoupPageParserTest {
    private static final String URL = "http://a.test/dir/page.html";
    /** Long enough for statistical detection to be sure; the sniffer only reads the first 64 KiB anyway. */
    private static final String CHINESE_TEXT = "这是一个用于测试字符集检测的中文段落。我们的爬虫需要正确地识别网页的编码，"
            + "否则标题和正文都会变成乱码。中国的互联网上仍然有很多网站使用国标编码，而没有在响应头里声明字符集。";
    private static final String JAPANESE_TEXT = "これは文字コードの判定を試すための日本語の文章です。クローラーはページの"
            + "エンコーディングを正しく認識しなければなりません。さもなければ、タイトルも本文も文字化けしてしまいます。";

    private final PageParser parser = PageParser.jsoup();

    @ParameterizedTest(name = "{0} via Content-Type")
    @CsvSource({"GBK, 中文标题测试, GB18030", "Shift_JIS, 日本語のタイトル, windows-31j"})
    void legacyEncodingIsDecodedWithTheHeaderCharset(String encoding, String title, String expected) {
        byte[] body = html("", title, "<p>" + title + "</p>").getBytes(Charset.forName(encoding));

        Page page = parser.decode(response(body, Optional.of(encoding.toLowerCase())));

        assertThat(page.document().title()).isEqualTo(title);

        assertThat(page.outline().title()).isEqualTo(title);
        assertThat(page.charset()).isEqualTo(Charset.forName(expected));
        assertThat(page.charsetSource()).isEqualTo(CharsetSource.HEADER);
    }

    @ParameterizedTest(name = "{0} via {3}")
    @CsvSource(delimiter = '|', value = {
        "GBK       | 中文标题测试     | GB18030     | <meta charset=\"gbk\">",
        "GBK       | 中文标题测试     | GB18030     | <meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">",
        "Shift_JIS | 日本語のタイトル | windows-31j | <meta charset='Shift_JIS'>",
        "Shift_JIS | 日本語のタイトル | windows-31j | <META HTTP-EQUIV=Content-Type CONTENT=\"text/html;charset=x-sjis\">"
    })
    void legacyEncodingIsDecodedWithTheMetaCharsetAlone(String encoding, String title, String expected, String meta) {
        byte[] body = html(meta, title, "<p>" + title + "</p>").getBytes(Charset.forName(encoding));

        Page page = parser.decode(response(body, Optional.empty()));

        assertThat(page.document().title()).isEqualTo(title);

        assertThat(page.outline().title()).isEqualTo(title);
        assertThat(page.charset()).isEqualTo(Charset.forName(expected));
        assertThat(page.charsetSource()).isEqualTo(CharsetSource.META);
    }

    @ParameterizedTest(name = "{0} detected without header or meta")
    @CsvSource({"GBK, 中文标题测试, CHINESE", "Shift_JIS, 日本語のタイトル, JAPANESE"})
    void legacyEncodingIsDetectedWithoutHeaderOrMeta(String encoding, String title, String language) {
        String text = (language.equals("CHINESE") ? CHINESE_TEXT : JAPANESE_TEXT).repeat(5);
        byte[] body = html("", title, "<p>" + text + "</p>").getBytes(Charset.forName(encoding));

        Page page = parser.decode(response(body, Optional.empty()));

        assertThat(page.document().title()).isEqualTo(title);

        assertThat(page.outline().title()).isEqualTo(title);
        assertThat(page.document().selectFirst("p").text()).isEqualTo(text);
        assertThat(page.charsetSource()).isEqualTo(CharsetSource.DETECTED);
    }

    @Test
    void utf8ByteOrderMarkOverridesAWrongHeader() {
        byte[] html = html("<meta charset=\"windows-1251\">", "Überschrift", "").getBytes(StandardCharsets.UTF_8);
        byte[] body = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, html);

        Page page = parser.decode(response(body, Optional.of("iso-8859-1")));

        assertThat(page.document().title()).isEqualTo("Überschrift");

        assertThat(page.outline().title()).isEqualTo("Überschrift");
        assertThat(page.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(page.charsetSource()).isEqualTo(CharsetSource.BOM);
        assertThat(page.document().html()).doesNotContain("\uFEFF");
    }

    @Test
    void utf16LittleEndianByteOrderMarkIsHonoured() {
        byte[] body = concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
                html("", "中文标题测试", "").getBytes(StandardCharsets.UTF_16LE));

        Page page = parser.decode(response(body, Optional.empty()));

        assertThat(page.document().title()).isEqualTo("中文标题测试");

        assertThat(page.outline().title()).isEqualTo("中文标题测试");
        assertThat(page.charset()).isEqualTo(StandardCharsets.UTF_16LE);
    }

    @Test
    void unknownHeaderCharsetFallsThroughToTheMeta() {
        byte[] body = html("<meta charset=\"gbk\">", "中文标题测试", "").getBytes(Charset.forName("GBK"));

        Page page = parser.decode(response(body, Optional.of("no-such-charset-42")));

        assertThat(page.document().title()).isEqualTo("中文标题测试");

        assertThat(page.outline().title()).isEqualTo("中文标题测试");
        assertThat(page.charsetSource()).isEqualTo(CharsetSource.META);
    }

    @Test
    void metaInsideACommentIsIgnored() {
        byte[] body = html("<!-- <meta charset=\"gbk\"> -->", "plain", "").getBytes(StandardCharsets.US_ASCII);

        Page page = parser.decode(response(body, Optional.empty()));

        assertThat(page.charsetSource()).isEqualTo(CharsetSource.DEFAULT);
        assertThat(page.charset()).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void latin1HeaderIsReadAsWindows1252() {
        byte[] body = concat("<title>".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0x93, 'q', (byte) 0x94},
                "</title>".getBytes(StandardCharsets.US_ASCII));

        Page page = parser.decode(response(body, Optional.of("ISO-8859-1")));

        assertThat(page.document().title()).isEqualTo("\u201Cq\u201D");

        assertThat(page.outline().title()).isEqualTo("\u201Cq\u201D");
        assertThat(page.charset()).isEqualTo(Charset.forName("windows-1252"));
    }

    @Test
    void baseHrefDecidesWhereRelativeLinksPoint() {
        byte[] body = html("<base href=\"http://cdn.test/assets/\">", "t", "<a href=\"img/x.png\">x</a>")
                .getBytes(StandardCharsets.UTF_8);

        Page page = parser.decode(response(body, Optional.of("utf-8")));

        assertThat(page.document().location()).isEqualTo(URL);
        assertThat(page.document().selectFirst("a").absUrl("href")).isEqualTo("http://cdn.test/assets/img/x.png");
    }

    @Test
    void relativeLinksResolveAgainstTheResponseUrlWithoutBase() {
        byte[] body = html("", "t", "<a href=\"../other.html\">x</a>").getBytes(StandardCharsets.UTF_8);

        Page page = parser.decode(response(body, Optional.empty()));

        assertThat(page.document().selectFirst("a").absUrl("href")).isEqualTo("http://a.test/other.html");
    }

    @Test
    void bodyThatWasNotDownloadedIsRejected() {
        Fetched image = new Fetched(URL, Instant.EPOCH, Duration.ZERO, 200, Optional.of("image/png"), Optional.empty(),
                new byte[0], false, Optional.empty(), Optional.empty(), -1);

        assertThatIllegalArgumentException().isThrownBy(() -> parser.decode(image))
                .withMessageContaining(URL).withMessageContaining("image/png");
    }

    private static String html(String head, String title, String body) {
        return "<!DOCTYPE html><html><head>" + head + "<title>" + title + "</title></head><body>" + body
                + "</body></html>";
    }

    private static Fetched response(byte[] body, Optional<String> headerCharset) {
        return new Fetched(URL, Instant.EPOCH, Duration.ZERO, 200, Optional.of("text/html"), headerCharset, body, true,
                Optional.empty(), Optional.empty(), body.length);
    }

    private static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
