package dev.trawl.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PlainJsonTest {

    @Test
    void onlyPrintableAsciiWithoutQuoteOrBackslashIsCopiedAsItIs() {
        for (String plain : List.of("http://a.test/~!*'();:@&=+$,/?%#[] x", "", "?", "http://a.test/?q=1?")) {
            assertThat(PlainJson.isPlain(plain, plain.getBytes(StandardCharsets.ISO_8859_1))).as(plain).isTrue();
        }
        for (String escaped : List.of("\"", "\\", "\u001f", "\u007f", "\u00e9", "\u00ff", "\t", "\u0142", "?\u0142",
                "\ud83d\udc1f", "a?\ud83d\udc1f?")) {
            String link = "http://a.test/" + escaped;
            assertThat(PlainJson.isPlain(link, link.getBytes(StandardCharsets.ISO_8859_1))).as(escaped).isFalse();
            assertThat(PlainJson.isPlain(link)).as(escaped).isFalse();
        }
    }

    @Test
    void plainAsciiIsDecidedRightWhereverTheCharacterThatSpoilsItSits() {
        // every kind of character at every offset of the eight-byte words, and near the end past the last word
        String[] kinds = {"\"", "\\", "?", "\u0000", "\u001f", " ", "~", "\u007f", "\u0080", "\u00e9", "\u00ff",
            "\u0142", "\ud83d\udc1f", "\ud83d", "!", "#", "[", "]", "{"};
        Random random = new Random(6);
        for (int length = 0; length <= 40; length++) {
            for (int at = 0; at <= length; at++) {
                for (String kind : kinds) {
                    StringBuilder text = new StringBuilder();
                    for (int i = 0; i < length; i++) {
                        char c = (char) ('0' + random.nextInt(74)); // '0'..'y' but '\\': plain, '?' aside
                        text.append(c == '\\' ? 'z' : c);
                    }
                    text.insert(at, kind);
                    String link = text.toString();
                    boolean plain = link.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '"' && c != '\\');
                    assertThat(PlainJson.isPlain(link, link.getBytes(StandardCharsets.ISO_8859_1)))
                            .as("%s at %d of %d", kind, at, length).isEqualTo(plain);
                    assertThat(PlainJson.isPlain(link)).as("%s at %d of %d", kind, at, length).isEqualTo(plain);
                }
            }
        }
    }

    @Test
    void plainTextIsWhatJacksonsQuotingLeavesAsItIs() {
        for (String text : List.of("http://a.test/~!*'();:@&=+$,/?%#[] x", "", " ", "{")) {
            assertThat(PlainJson.isPlain(text)).as(text).isTrue();
            assertThat(new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(text)))
                    .as(text).isEqualTo(text);
        }
    }
}
