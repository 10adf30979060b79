package dev.trawl.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Set;
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

    @Test
    void bitsMarkEachNameWithTheSetsThatHoldIt() {
        int[] bits = TagNames.bits(List.of(Set.of("p", "div"), Set.of("p"), Set.of()));

        assertThat(bits).hasSize(TagNames.count());
        assertThat(bits[TagNames.id("p")]).isEqualTo(0b11);
        assertThat(bits[TagNames.id("div")]).isEqualTo(0b01);
        assertThat(bits[TagNames.id("a")]).isZero();
        assertThat(bits[TagNames.UNKNOWN]).isZero();
        assertThatThrownBy(() -> TagNames.bits(List.of(Set.of("not-a-tag")))).isInstanceOf(AssertionError.class);
    }
}
