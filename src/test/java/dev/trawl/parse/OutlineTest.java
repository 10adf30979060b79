package dev.trawl.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The outline equals what jsoup's DOM gives for the same page — base URI, title, {@code html lang}, and the
 * link and meta elements with all their attributes, in order — on pages written to hit the tokenizer's
 * corners. {@code -Dtrawl.outline.corpus=DIR} also checks every {@code .html} file under DIR (e.g. the
 * real-site benchmark's root, {@code /tmp/trawl-realsite/PORT/root}).
 */
class OutlineTest {
    private static final String URL = "http://example.test/dir/page.html";
    private static final Set<String> TAGS = Set.of("a", "area", "frame", "iframe", "link", "meta");

    @ParameterizedTest
    @ValueSource(strings = {
        "<html lang=de><head><title> A  title\n</title><meta name=description content='x &amp; y'></head>"
                + "<body><a href=a.html>a</a><A HREF=\"B.html\" REL=nofollow>b</A></body></html>",
        "<!DOCTYPE html><title>t &lt;1&gt; &copy &#x41;</title><base href=/root/><a href=x>x</a>",
        "<base href='http://[bad'><base href=\"/second/\"><a href=y>",
        "<head><base><base href=''></head><a href=z>",
        "<!-- <a href=commented> --><a href=one><!--><a href=two><!---><a href=three><!-- x --!><a href=four>",
        "<script>var s = '<a href=\"in-script\">'; if (a<b) {}</script><a href=after-script>",
        "<script><!--<script>document.write('</script>');</script><a href=hidden></script><a href=shown>",
        "<script><!-- x --></script><a href=after><SCRIPT>x</SCRIPT ><a href=after2>",
        "<style>a[href=\"<a href=no>\"]{}</style><textarea><a href=no></textarea><a href=yes>",
        "<title>a <a href=x>link</a> in an unclosed title<p>",
        "<title>no end <b>bold</titles><a href=q>",
        "<p>body first<title>body title</title><a href=b>",
        "<head></head>  <title>after head</title><a href=b>",
        "<head><noscript><link rel=stylesheet href=s.css></noscript><title>t</title></head>",
        "<html><body><html lang=fr><a href=x>",
        "<a href=1 href=2 HREF=3>dup</a><meta name=robots content=noindex name=other>",
        "<a href=\"unterminated><a href=next>",
        "<a href=x title='>'>gt in quotes</a><a href=y title=\"a>b\">",
        "<a href=x/><a href=/y/ ><a/href=z><a href= 'spaced' >",
        "<a href=x<a href=y><div<a href=z>",
        "<a\nhref\n=\n\"nl\"\n>",
        "<a href=\"&quot;q&quot; &notit; &amp &ampx &#0; &#xD800; &#128;\">",
        "<a href=&lt;unquoted&gt;&amp;x>",
        "<iframe src=frame.html><a href=not-a-link></iframe><frame src=outside.html>",
        "<frameset><frame src=f1.html><frameset><frame src=f2.html></frameset></frameset><frame src=after.html>",
        "<svg><a href=svg-link><title>svg title</title><style><a href=in-svg-style></style></svg><a href=html>",
        "<math><mi><a href=m></mi></math><svg><![CDATA[<a href=cdata>]]></svg><![CDATA[x]]><a href=h>",
        "<svg><p><a href=broke-out></p><style><a href=in-style></style>",
        "<xmp><a href=no></xmp><noembed><a href=no></noembed><noframes><a href=no></noframes><a href=y>",
        "<plaintext><a href=no></plaintext><a href=no>",
        "<table><a href=fostered><tr><td><a href=cell></td></tr></table>",
        "<select><a href=in-select></select><form><a href=in-form></form>",
        "<template><a href=in-template></template><a href=out>",
        "<a href=a1><a href=a2>nested</a></a>",
        "<?php echo '<a href=pi>' ?><a href=after-pi>",
        "</ a href=bogus><a href=after-bogus></><a href=after-empty>",
        "<a href=\"x\"title=\"no space\"><meta content=\"c\" name=\"description\"/>",
        "<link rel=Canonical href=/c><link rel=\"alternate canonical\" href=/d>",
        "<meta name=robots content=nofollow><meta NAME=ROBOTS CONTENT=NOINDEX>",
        "<title>\u0000nul</title><a href=\"a\u0000b\">",
        "<a href=\"cr\r\nlf\">",
        "<title>one</title><title>two</title>",
        "<title>\u00a0\u0001 a\u200b \u00ad\t\n b\u00a0\u00a0c \u0001</title>",
        "<title>\u0001\u00a0</title>",
        "<title> &nbsp; x&#8203;y &nbsp;</title>",
        "<body><X-A-VERY-LONG-CUSTOM-ELEMENT href=x><a href=after></x-a-very-long-custom-element>",
        "<bod\u212a><lin\u212a rel=canonical href=kelvin><a href=y>",
        "<a href=unfinished",
        "<a href='x'",
        "<a href=",
        "<title>never ends",
        "text before <html lang=en><title>late</title>",
        "<body><frameset><frame src=ignored.html></frameset>",
        "<div><frameset><frame src=maybe.html></frameset>",
        "<area href=map.html alt=''><area nohref><a name=anchor>",
        "<a href='x' download><a href=y rel='external NOFOLLOW'>",
        "<div<a href=z>x<a href=x <b>y",
        "<svg><div><style><a href=s></style></div><style><a href=t></style></svg><style><a href=u></style>",
        "<svg><b><a href=x></b><title><a href=y></title></svg><title><a href=z></title>",
        "<math><mi><style><a href=s></style></mi></math>",
        "<select><style>x</style><a href=q><script>1</script><option>o</select><a href=after>",
        "<select><a href=q><textarea><a href=r></textarea><a href=s>",
        "<div><a href=x></a><frameset><frame src=f>",
        "<div>text<frameset><frame src=f><a href=y>",
        "<meta name=a><div><frameset><frame src=f>",
        "<img><frameset><frame src=f>",
        "<frameset><frame src=f><a href=no><frameset><frame src=g></frameset></frameset><frame src=h><a href=x>",
        "<frameset><noframes><a href=no></noframes><script><a href=in-script></script></frameset>",
    })
    void outlineEqualsWhatJsoupsDomGives(String html) {
        assertThat(render(Outline.of(html, URL))).isEqualTo(render(fromDom(Jsoup.parse(html, URL))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"<a href=x>open<p>para</a>", "<ul><li><a href=x>one<li>two</ul>"})
    void aLinkLeftOpenIsOneLinkWhereTheDomHoldsClones(String html) {
        assertThat(Outline.of(html, URL).tags()).extracting(tag -> tag.attr("href")).containsExactly("x");
        assertThat(fromDom(Jsoup.parse(html, URL)).tags()).extracting(tag -> tag.attr("href"))
                .containsExactly("x", "x");
    }

    @Test
    void outlineOfAPageCarriesEverythingARecordNeeds() {
        Outline outline = Outline.of("""
                <html lang="de"><head><title> Titel &amp; mehr </title><base href="/base/">
                <meta name="description" content="Eine Seite"></head>
                <body><a href="a.html">a</a></body></html>""", URL);

        assertThat(outline.baseUri()).isEqualTo("http://example.test/base/");
        assertThat(outline.title()).isEqualTo("Titel & mehr");
        assertThat(outline.language()).isEqualTo("de");
        assertThat(outline.tags()).extracting(Outline.Tag::name).containsExactly("meta", "a");
        assertThat(outline.tags().get(1).attr("href")).isEqualTo("a.html");
    }

    @Test
    @EnabledIfSystemProperty(named = "trawl.outline.corpus", matches = ".+")
    void outlineEqualsJsoupOnACorpus() throws IOException {
        Path root = Path.of(System.getProperty("trawl.outline.corpus"));
        List<String> mismatches = new ArrayList<>();
        int[] pages = {0};
        try (Stream<Path> files = Files.walk(root, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            files.filter(f -> f.toString().endsWith(".html") && Files.isRegularFile(f)).forEach(file -> {
                try {
                    String html = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                    String url = "http://corpus.test/" + root.relativize(file);
                    String got = render(Outline.of(html, url));
                    String want = render(fromDom(Jsoup.parse(html, url)));
                    pages[0]++;
                    if (!got.equals(want)) {
                        mismatches.add(file + "\n" + firstDifference(got, want));
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        System.out.println("outline corpus: " + pages[0] + " pages, " + mismatches.size() + " differ");
        assertThat(mismatches).as("%d of %d pages differ", mismatches.size(), pages[0]).isEmpty();
    }

    /**
     * Pages assembled at random from the tokenizer's hard pieces (unclosed quotes and tags, comments, raw-text
     * elements, svg and math, select, frameset, entities, NULs): the outline never fails, and gives the same base,
     * title, language and distinct link and meta elements as jsoup's DOM on all but a known few. Multiplicity is
     * left out: where the DOM clones a formatting {@code <a>} left open, the outline keeps the one the page wrote.
     *
     * <p>A ratchet, not a goal: on this soup (no real page looks like it; 46,143 real pages agree exactly) 171 of
     * 3,000 differ today, mostly in the tree builder's corners the scanner does not model — a second
     * {@code <html lang>} or a {@code <base>} after svg/math or a frameset, an unclosed title in odd places,
     * attribute case inside math. The seed is fixed, so the count is exact: lower the bound as the scanner learns.
     */
    @Test
    void randomPagesOfHardPiecesGiveWhatJsoupsDomGives() {
        String[] pieces = {
            "<a href=x>", "<a href='q r'>", "<a href=\"d\" rel=nofollow>", "</a>", "<A HREF=U>", "<a href=", "<a href='",
            "<a href=\"", "\"", "'", ">", "<", "</", "<!--", "-->", "--!>", "<!-->", "<!DOCTYPE html>", "<![CDATA[",
            "]]>", "<script>", "</script>", "<SCRIPT >", "<style>", "</style>", "<title>", "</title>", "<textarea>",
            "</textarea>", "<xmp>", "</xmp>", "<noscript>", "</noscript>", "<svg>", "</svg>", "<math>", "<mi>", "</math>",
            "<select>", "</select>", "<option>", "<frameset>", "<frame src=f.html>", "</frameset>", "<iframe src=i>",
            "</iframe>", "<base href=/b/>", "<base href='http://[bad'>", "<html lang=fr>", "<head>", "</head>",
            "<body>", "<p>", "<div>", "</div>", "<table>", "<tr><td>", "</table>", "<template>", "</template>",
            "<meta name=description content='m &amp; n'>", "<meta name=robots content=noindex>",
            "<link rel=canonical href=/c>", "<area href=ar>", "&amp;", "&lt;", "&notin;", "&#x41;", "&#0;", "&",
            "\u0000", "\r\n", " ", "text", "<b>", "</b>", "<?pi x?>", "</ x>", "<a/href=s>", "=", " href=h ",
            "<plaintext>",
        };
        java.util.Random random = new java.util.Random(20261126);
        List<String> mismatches = new ArrayList<>();
        for (int page = 0; page < 3_000; page++) {
            StringBuilder html = new StringBuilder();
            int length = 1 + random.nextInt(40);
            for (int k = 0; k < length; k++) {
                html.append(pieces[random.nextInt(pieces.length)]);
            }
            String got = distinct(render(Outline.of(html.toString(), URL)));
            String want = distinct(render(fromDom(Jsoup.parse(html.toString(), URL))));
            if (!got.equals(want)) {
                mismatches.add(html + "\n" + firstDifference(got, want));
            }
        }
        assertThat(mismatches).as("pages whose outline differs from jsoup's DOM; first: %s",
                mismatches.stream().limit(3).toList()).hasSizeLessThanOrEqualTo(171);
    }

    /** A rendered outline's head lines, then its element lines sorted and without repeats. */
    private static String distinct(String rendered) {
        List<String> lines = new ArrayList<>(List.of(rendered.split("\n")));
        List<String> head = lines.subList(0, 3);
        return String.join("\n", head) + "\n" + String.join("\n",
                new java.util.TreeSet<>(lines.subList(3, lines.size())));
    }

    /** The outline jsoup's DOM gives: what {@code Extractor} read from the DOM before the outline existed. */
    static Outline fromDom(Document doc) {
        List<Outline.Tag> tags = new ArrayList<>();
        for (Element element : doc.getAllElements()) {
            if (TAGS.contains(element.normalName())) {
                tags.add(new Outline.Tag(element.normalName(), element.attributes().clone()));
            }
        }
        Element html = doc.firstElementChild();
        return new Outline(doc.baseUri(), doc.title(), html == null ? "" : html.attr("lang"), tags);
    }

    private static String render(Outline outline) {
        StringBuilder text = new StringBuilder()
                .append("base ").append(outline.baseUri()).append('\n')
                .append("title ").append(outline.title()).append('\n')
                .append("lang ").append(outline.language()).append('\n');
        for (Outline.Tag tag : outline.tags()) {
            text.append(tag.name());
            for (Attribute attribute : tag.attributes()) {
                text.append(' ').append(attribute.getKey()).append("=[").append(attribute.getValue()).append(']');
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static String firstDifference(String got, String want) {
        String[] a = got.split("\n", -1);
        String[] b = want.split("\n", -1);
        for (int k = 0; k < Math.max(a.length, b.length); k++) {
            String x = k < a.length ? a[k] : "<none>";
            String y = k < b.length ? b[k] : "<none>";
            if (!x.equals(y)) {
                return "  line " + k + ": outline " + x + "\n          jsoup   " + y;
            }
        }
        return "";
    }
}
