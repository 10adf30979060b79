package dev.trawl.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RobotsDirectivesTest {

    @ParameterizedTest(name = "X-Robots-Tag ''{0}'' → noindex {1}, nofollow {2}")
    @CsvSource(delimiter = '|', value = {
        "noindex                         | true  | false",
        "NoFollow                        | false | true",
        "none                            | true  | true",
        "noindex, nofollow               | true  | true",
        "all                             | false | false",
        "trawl: nofollow                 | false | true",
        "Trawl: noindex, nofollow        | true  | true",
        "googlebot: noindex              | false | false",
        "otherbot: none                  | false | false",
        "unavailable_after: 25 Jun 2010  | false | false",
        "noarchive, unavailable_after: 1 Jan 2030 | false | false",
    })
    void headerValueAppliesToAllOrToThisCrawlerOnly(String value, boolean noindex, boolean nofollow) {
        assertThat(RobotsDirectives.fromHeaders(List.of(value), "trawl"))
                .isEqualTo(new RobotsDirectives(noindex, nofollow));
    }

    @org.junit.jupiter.api.Test
    void severalHeadersAddUp() {
        assertThat(RobotsDirectives.fromHeaders(List.of("googlebot: nofollow", "noindex", "trawl: nofollow"), "trawl"))
                .isEqualTo(new RobotsDirectives(true, true));
        assertThat(RobotsDirectives.fromHeaders(List.of(), "trawl")).isEqualTo(RobotsDirectives.NONE);
    }
}
