package dev.trawl.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link CharacterReferences} decodes as jsoup's {@code Parser.unescapeEntities} does, in attributes and in text. */
class CharacterReferencesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "&lt;init&gt;(java.lang.String,java.lang.String[])", "a?b=1&amp;c=2", "&quot;x&quot;", "a&nbsp;b", "it&#39;s",
        "&#039;", "&#0039;", "&#00039;", "&#0;", "&#9;", "&#31;", "&#127;", "&#128;", "&#150;", "&#x27;", "&#65",
        "&#;", "&#", "&", "&&", "&lt", "&ltx;", "&lt=", "&amp", "&ampx", "&amp=1", "&notit;", "&not;", "&not",
        "&copy;", "&copy", "&Lt;", "&LT;", "&LT", "&AMP;", "&#55296;", "&#1114112;", "x&lt;&gt;&amp;&quot;&nbsp;&#65;y",
        "&lt;&unknown;", "``", "plain", "\r\n&lt;\r", "\u0000&lt;", "😀&amp;é",
    })
    void decodesAsJsoupDoes(String text) {
        assertThat(CharacterReferences.decode(text, true)).isEqualTo(Parser.unescapeEntities(text, true));
        assertThat(CharacterReferences.decode(text, false)).isEqualTo(Parser.unescapeEntities(text, false));
    }

    @Test
    void aStringWithoutAReferenceIsReturnedItself() {
        String text = "no references here";
        assertThat(CharacterReferences.decode(text, true)).isSameAs(text);
    }

    @Test
    void randomStringsOfReferencesAndTheirNeighboursDecodeAsJsoupDoes() {
        String[] pieces = {"&lt;", "&gt;", "&amp;", "&quot;", "&nbsp;", "&#39;", "&#039;", "&#0;", "&#128;", "&#x41;",
            "&lt", "&amp", "&", "&#", ";", "#", "=", "-", "_", "a", "Z", "0", "9", " ", "\r", "\n", "\u0000", "é",
            "😀", "lt", "amp", "&not", "&notin;", "&copy", "&#65", "&#12345;", "&#99999;"};
        Random random = new Random(27);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(8); k > 0; k--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String s = text.toString();
            assertThat(CharacterReferences.decode(s, true)).as("attribute %s", s).isEqualTo(Parser.unescapeEntities(s, true));
            assertThat(CharacterReferences.decode(s, false)).as("text %s", s).isEqualTo(Parser.unescapeEntities(s, false));
        }
    }
}
