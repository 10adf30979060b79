package dev.trawl.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.config.ConfigLoader;
import dev.trawl.config.ConfigOverride;
import dev.trawl.config.FieldRule;
import dev.trawl.sink.FieldValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldExtractorTest {
    private static final String URL = "https://shop.test/product/7";
    private static final Document PAGE = Jsoup.parse("""
            <html><head><base href="https://cdn.shop.test/"></head><body>
            <h1>  Blue
               kettle  </h1>
            <div class="product"><span class="price">€ 9,99</span></div>
            <ul class="tags"><li><a href="/t/kitchen">kitchen</a></li><li><a>no href</a></li>
                <li><a href="t/steel">steel</a></li></ul>
            <article><p>One <b>bold</b> claim.</p></article>
            <a rel="next" href="page/2">next</a>
            </body></html>""", URL);

    private static Map<String, FieldValue> extract(String... flags) {
        List<FieldRule> rules = ConfigLoader.load(Optional.empty(),
                List.of(new ConfigOverride("extract.fields", List.of(flags), "--field"))).extract().fields();
        return FieldExtractor.compile(rules).extract(URL, PAGE);
    }

    private static FieldValue one(String value) {
        return new FieldValue.One(Optional.of(value));
    }

    @Test
    void textIsWhitespaceNormalized() {
        assertThat(extract("heading=h1", "price=.product .price"))
                .containsExactly(Map.entry("heading", one("Blue kettle")), Map.entry("price", one("€ 9,99")));
    }

    @Test
    void htmlIsTheInnerHtml() {
        assertThat(extract("body=article@html")).containsEntry("body", one("<p>One <b>bold</b> claim.</p>"));
    }

    @Test
    void attrIsAsWrittenAndAbsIsResolvedAgainstTheBase() {
        assertThat(extract("next=a[rel=next]@href", "next_abs=a[rel=next]@abs:href"))
                .containsEntry("next", one("page/2"))
                .containsEntry("next_abs", one("https://cdn.shop.test/page/2"));
    }

    @Test
    void firstAttributeSkipsMatchesWithoutIt() {
        assertThat(extract("first=.tags a@href")).containsEntry("first", one("/t/kitchen"));
    }

    @Test
    void allGivesEveryMatchInOrderAndSkipsMissingAttributes() {
        assertThat(extract("tags[]=.tags a", "hrefs[]=.tags a@abs:href"))
                .containsEntry("tags", new FieldValue.Many(List.of("kitchen", "no href", "steel")))
                .containsEntry("hrefs", new FieldValue.Many(
                        List.of("https://cdn.shop.test/t/kitchen", "https://cdn.shop.test/t/steel")));
    }

    @Test
    void noMatchIsNullOrAnEmptyList() {
        assertThat(extract("missing=.nothing", "none[]=.nothing", "no_attr=h1@data-x"))
                .containsEntry("missing", FieldValue.NONE)
                .containsEntry("none", FieldValue.EMPTY)
                .containsEntry("no_attr", FieldValue.NONE);
    }

    @Test
    void aRuleAppliesToThePagesItsUrlsFindsOrToEveryPageWithoutUrls() {
        FieldRule everywhere = new FieldRule("f", "h1", FieldRule.Value.TEXT, false, Pattern.compile(""));
        FieldRule products = new FieldRule("f", "h1", FieldRule.Value.TEXT, false, Pattern.compile("/product/"));
        assertThat(everywhere.appliesTo("http://a.test/x")).isTrue();
        assertThat(products.appliesTo("http://a.test/x")).isFalse();
        assertThat(products.appliesTo("http://a.test/product/1")).isTrue();
    }

    @Test
    void urlsLimitsARuleToMatchingPages() {
        List<FieldRule> rules = List.of(
                new FieldRule("price", ".price", FieldRule.Value.TEXT, false, Pattern.compile("/product/")),
                new FieldRule("tags", ".tags a", FieldRule.Value.TEXT, true, Pattern.compile("/product/")));
        FieldExtractor extractor = FieldExtractor.compile(rules);

        assertThat(extractor.extract(URL, PAGE)).containsEntry("price", one("€ 9,99"));
        assertThat(extractor.extract("https://shop.test/about", PAGE))
                .containsEntry("price", FieldValue.NONE)
                .containsEntry("tags", FieldValue.EMPTY);
    }

    @Test
    void noneHasEveryFieldInRuleOrder() {
        FieldExtractor extractor = FieldExtractor.compile(ConfigLoader.load(Optional.empty(),
                List.of(new ConfigOverride("extract.fields", List.of("b=p", "a[]=p"), "--field"))).extract().fields());

        assertThat(extractor.none()).containsExactly(Map.entry("b", FieldValue.NONE), Map.entry("a", FieldValue.EMPTY));
        assertThat(FieldExtractor.compile(List.of()).isEmpty()).isTrue();
    }

    @Test
    void structuralSelectorsMatchPageAfterPageInOneWalk() {
        List<FieldRule> rules = ConfigLoader.load(Optional.empty(), List.of(new ConfigOverride("extract.fields",
                List.of("box=div:has(> span.price)@class", "items[]=ul.tags > li", "after=h1 + div"), "--field")))
                .extract().fields();
        FieldExtractor extractor = FieldExtractor.compile(rules);
        Document other = Jsoup.parse("<h1>x</h1><div class=\"deal\"><span class=\"price\">1</span></div>"
                + "<ul class=tags><li>only</li></ul>", URL);

        for (int i = 0; i < 3; i++) {
            assertThat(extractor.extract(URL, PAGE))
                    .containsEntry("box", one("product"))
                    .containsEntry("items", new FieldValue.Many(List.of("kitchen", "no href", "steel")))
                    .containsEntry("after", one("€ 9,99"));
            assertThat(extractor.extract(URL, other))
                    .containsEntry("box", one("deal"))
                    .containsEntry("items", new FieldValue.Many(List.of("only")))
                    .containsEntry("after", one("1"));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', nullValues = "-", value = {
        "h1                         ; h1",
        "  H2                       ; h2",
        "meta[name=description]     ; meta",
        "a[rel=next]                ; a",
        "div > p.note               ; p",
        "article p:has(> b)         ; p",
        "h1 + div                   ; div",
        "ul ~ a#x                   ; a",
        "a[title=\"x > y, z\"]      ; a",
        "my-element_2.x             ; my-element_2",
        "h1, h2                     ; -",
        ".price                     ; -",
        ".product .price            ; -",
        "*                          ; -",
        "[href]                     ; -",
        "div *                      ; -",
        ":root                      ; -",
        "svg|rect                   ; -",
        "my\\:tag                   ; -",
    })
    void theSubjectTagIsTheNameThatBeginsTheLastCompound(String css, String tag) {
        assertThat(FieldExtractor.subjectTag(css)).isEqualTo(Optional.ofNullable(tag));
    }

    @Test
    void everyRuleFindsWhatJsoupsSelectFinds() {
        List<String> selectors = List.of("h1", "li", "a[href]", "ul.tags > li a", "div span.price", "p:has(> b)",
                "body *", ".price", "li, h1", "a[rel=next]", "article b", "span", "A[HREF]");
        List<String> flags = new java.util.ArrayList<>();
        for (int i = 0; i < selectors.size(); i++) {
            flags.add("f" + i + "[]=" + selectors.get(i) + "@abs:href");
            flags.add("t" + i + "[]=" + selectors.get(i));
        }
        Map<String, FieldValue> values = extract(flags.toArray(String[]::new));
        for (int i = 0; i < selectors.size(); i++) {
            List<String> texts = PAGE.select(selectors.get(i)).eachText();
            List<String> links = PAGE.select(selectors.get(i)).stream().filter(e -> e.hasAttr("href"))
                    .map(e -> e.absUrl("href")).toList();
            assertThat(values.get("t" + i).values()).as(selectors.get(i)).isEqualTo(texts);
            assertThat(values.get("f" + i).values()).as(selectors.get(i)).isEqualTo(links);
        }
    }
}
