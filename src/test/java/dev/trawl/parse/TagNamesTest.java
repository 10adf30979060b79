package dev.trawl.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TagNamesTest {

    @Test
    void everyListedNameIsFoundInTheTextInAnyCaseAsItsOneCanonicalString() {
        for (int id = 1; id < TagNames.count(); id++) {
            String name = TagNames.name(id);
            String text = "<" + name.toUpperCase(Locale.ROOT) + " " + name + ">";
            assertThat(TagNames.find(text, 1, 1 + name.length())).as(name).isEqualTo(id);
            assertThat(TagNames.find(text, 2 + name.length(), 2 + 2 * name.length())).as(name).isEqualTo(id);
            assertThat(TagNames.id(name)).isEqualTo(id);
            assertThat(TagNames.name(TagNames.id(new String(name.toCharArray())))).isSameAs(name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"my-widget", "h7", "ab", "abbrx", "foreignobjects", "x", "", "divv", "sectio"})
    void otherNamesAreUnknown(String name) {
        assertThat(TagNames.find(name, 0, name.length())).isEqualTo(TagNames.UNKNOWN);
        assertThat(TagNames.id(name)).isEqualTo(TagNames.UNKNOWN);
    }

    @Test
    void aNameWithOtherThanAsciiLettersIsLeftToItsLowerCase() {
        String kelvin = "lin\u212A"; // lower-cases to "link"
        assertThat(TagNames.find(kelvin, 0, kelvin.length())).isEqualTo(TagNames.UNKNOWN);
        assertThat(TagNames.id(kelvin.toLowerCase(Locale.ROOT))).isEqualTo(TagNames.id("link"));
    }
}
