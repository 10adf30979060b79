package dev.trawl.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code extract.fields}, {@code --field} and the output keys: parsed, and refused at load with the place and fix. */
class ExtractAndOutputConfigTest {

    @TempDir
    Path dir;

    @Test
    void fieldRulesAreReadWithTheirDefaults() throws IOException {
        Path file = write("""
                extract:
                  fields:
                    - name: price
                      css: ".product .price"
                    - name: next_page
                      css: "a[rel=next]"
                      value: abs:href
                      all: true
                      urls: "/product/"
                    - {name: body, css: article, value: html}
                """);

        List<FieldRule> fields = ConfigLoader.load(file).extract().fields();

        assertThat(fields).extracting(FieldRule::name).containsExactly("price", "next_page", "body");
        assertThat(fields.get(0).value()).isEqualTo(FieldRule.Value.TEXT);
        assertThat(fields.get(0).all()).isFalse();
        assertThat(fields.get(0).urls().matcher("http://any/").find()).isTrue();
        assertThat(fields.get(1).value()).isEqualTo(new FieldRule.Value(FieldRule.Kind.ABS, "href"));
        assertThat(fields.get(1).all()).isTrue();
        assertThat(fields.get(1).urls().pattern()).isEqualTo("/product/");
        assertThat(fields.get(2).value().kind()).isEqualTo(FieldRule.Kind.HTML);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "- {name: p, css: 'div[', value: text}  | extract.fields[0].css   | not a CSS selector: 'div['",
        "- {name: 9p, css: p}                  | extract.fields[0].name  | not a field name: '9p' (a letter, then letters, digits or _, e.g. price or next_page)",
        "- {name: title, css: h1}              | extract.fields[0].name  | 'title' is a built-in record field; choose another name",
        "- {css: h1}                           | extract.fields[0].name  | is required (e.g. name: price)",
        "- {name: p}                           | extract.fields[0].css   | is required (e.g. css: \".product .price\")",
        "- {name: p, css: p, value: attr}      | extract.fields[0].value | 'attr': not an attribute name after 'attr:' (write text, html, attr:NAME or abs:NAME)",
        "- {name: p, css: p, value: src}       | extract.fields[0].value | unknown value 'src' (write text, html, attr:NAME or abs:NAME)",
        "- {name: p, css: p, all: sometimes}   | extract.fields[0].all   | must be true or false: 'sometimes'",
        "- {name: p, css: p, urls: '('}        | extract.fields[0].urls  | not a Java regex: '(' (Unclosed group near index 1)",
        "- {name: p, css: p, colour: red}      | extract.fields[0].colour | unknown field property (one of name, css, value, all, urls)",
    })
    void aBadRuleIsRefusedAtItsPlace(String rule, String key, String detail) throws IOException {
        Path file = write("extract:\n  fields:\n    " + rule + "\n");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo(key))
                .hasMessageStartingWith(file + ": " + key + ": " + detail);
    }

    @Test
    void aSecondRuleOfTheSameNameIsRefused() throws IOException {
        Path file = write("extract:\n  fields:\n    - {name: a, css: p}\n    - {name: A, css: h1}\n");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .hasMessage(file + ": extract.fields[1].name: 'A' is defined twice; names must be unique");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "title_=h1                    | title_ | h1              | text       | false",
        "next=a[rel=next]@abs:href    | next   | a[rel=next]     | abs:href   | false",
        "img=img.hero@src             | img    | img.hero        | attr:src   | false",
        "body=main@html               | body   | main            | html       | false",
        "tags[]=.tags a               | tags   | .tags a         | text       | true",
        "mail=a[href^=mailto:]@href   | mail   | a[href^=mailto:] | attr:href | false",
    })
    void fieldFlagsCoverTheQuickCase(String flag, String name, String css, String value, boolean all) {
        CrawlConfig config = ConfigLoader.load(Optional.empty(),
                List.of(new ConfigOverride("extract.fields", List.of(flag), "--field")));

        FieldRule rule = config.extract().fields().getFirst();
        assertThat(rule.name()).isEqualTo(name);
        assertThat(rule.css()).isEqualTo(css);
        assertThat(rule.value().toString()).isEqualTo(value);
        assertThat(rule.all()).isEqualTo(all);
    }

    @Test
    void aBadFieldFlagIsNamedByTheFlag() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(),
                        List.of(new ConfigOverride("extract.fields", List.of("x=p:nth-child("), "--field"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("--field: not a CSS selector: 'p:nth-child('");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(),
                        List.of(new ConfigOverride("extract.fields", List.of("just-a-selector"), "--field"))))
                .hasMessageStartingWith("--field: expected NAME=SELECTOR");
    }

    @Test
    void outAcceptsOneFileOrAList() throws IOException {
        assertThat(ConfigLoader.load(write("output: {out: a.csv}\n")).output().outs()).containsExactly(Path.of("a.csv"));
        assertThat(ConfigLoader.load(write("output: {out: [a.jsonl, b.warc.gz, c.sqlite, '-']}\n")).output().outs())
                .containsExactly(Path.of("a.jsonl"), Path.of("b.warc.gz"), Path.of("c.sqlite"), Path.of("-"));
    }

    @Test
    void anUnknownExtensionNamesTheOnesThatExist() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(),
                        List.of(new ConfigOverride("output.out", List.of("a.jsonl", "pages.xlsx"), "--out"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--out: unknown output format: 'pages.xlsx' (name the file with one of .jsonl, .csv, "
                        + ".warc.gz, .warc, .sqlite, or - for JSONL on standard output)");
    }

    @Test
    void theSameOutputTwiceIsRefused() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(),
                        List.of(new ConfigOverride("output.out", List.of("a.csv", "./a.csv"), "--out"))))
                .hasMessageStartingWith("--out: names the same file twice");
    }

    @Test
    void archivingFollowsFromAWarcOutput() {
        CrawlConfig.Output plain = ConfigLoader.load(Optional.empty(),
                List.of(new ConfigOverride("output.out", List.of("a.csv", "-"), "--out"))).output();
        CrawlConfig.Output archive = ConfigLoader.load(Optional.empty(),
                List.of(new ConfigOverride("output.out", List.of("a.warc.gz"), "--out"))).output();
        assertThat(plain.archives()).isFalse();
        assertThat(plain.toStandardOutput()).isTrue();
        assertThat(archive.archives()).isTrue();
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("my.yaml"), yaml);
    }
}
