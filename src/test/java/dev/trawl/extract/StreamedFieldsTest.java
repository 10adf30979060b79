package dev.trawl.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trawl.config.ConfigLoader;
import dev.trawl.config.ConfigOverride;
import dev.trawl.config.FieldRule;
import dev.trawl.parse.Outline;
import dev.trawl.sink.FieldValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rules answered in the outline's pass ({@link FieldExtractor#streamingTag}) give exactly what the DOM path gives:
 * every rule of a broad set, on pages written to hit the tree builder's corners, on random soups of them (a
 * ratchet), and ({@code -Dtrawl.outline.corpus=DIR}) on a corpus of real pages. Where the scanner cannot vouch
 * for a page it says so, and the DOM answers; the tests count how often.
 */
public class StreamedFieldsTest {
    private static final String URL = "http://example.test/dir/page.html";

    /** Every kind of streamable rule: texts of the elements the scanner follows, attributes, abs:, first and all. */
    public static final List<String> BROAD = List.of("h1=h1", "h1s[]=h1", "h2=h2", "h2s[]=h2", "h3s[]=h3",
            "first_para=p", "paras[]=p", "items[]=li", "anchors[]=a", "hrefs[]=a@href", "abs_hrefs[]=a@abs:href",
            "first_abs=a@abs:href", "next=a[rel=next]@abs:href", "description_meta=meta[name=description]@content",
            "lang=html@lang", "html_class=html[class]@class", "images[]=img@abs:src", "image_alts[]=img@alt",
            "section_ids[]=section@id", "canonical_link=link[rel=canonical]@abs:href", "keys[]=span.k",
            "spans[]=span", "divs[]=div", "main_div=div#main", "notes[]=p.note", "terms[]=dt", "defs[]=dd",
            "ems[]=em", "bolds[]=b", "codes[]=code", "labels[]=label", "navs[]=nav", "headers[]=header",
            "mains[]=main", "articles[]=article", "quotes[]=blockquote", "lists[]=ul", "ordered[]=ol",
            "meta_content[]=meta@content", "scripts[]=script@src", "inputs[]=input@value", "data[]=span[data-x]",
            "data_one[]=span[data-x=1]", "quoted[]=a[rel='next']@href", "upper[]=A[REL=NEXT]@HREF",
            "forms[]=form@action", "buttons[]=button@type", "iframes[]=iframe@abs:src", "asides[]=aside",
            "figcaptions[]=figcaption", "details[]=details", "summaries[]=summary", "smalls[]=small",
            "strongs[]=strong", "times[]=time@datetime", "time_text[]=time", "addresses[]=address");

    /** The ten rules of {@code src/bench/export.sh}. */
    public static final List<String> BENCH = List.of("heading=h1", "subheading=h2", "h2s[]=h2", "first_para=p",
            "description_meta=meta[name=description]@content", "lang=html@lang", "next=a[rel=next]@abs:href",
            "images[]=img@abs:src", "section_ids[]=section@id", "canonical_link=link[rel=canonical]@abs:href");

    private static final FieldExtractor EXTRACTOR = FieldExtractor.compile(rulesOf(BROAD));

    /** The rules {@code --field} flags give. */
    public static List<FieldRule> rulesOf(List<String> flags) {
        return ConfigLoader.load(Optional.empty(), List.of(new ConfigOverride("extract.fields", flags, "--field")))
                .extract().fields();
    }

    /** How one page came out. */
    public enum Outcome { SAME, DOM_NEEDED, DIFFERENT }

    /**
     * Runs {@code extractor} on {@code html} both ways; when the outline answers, the values must equal the DOM's
     * ({@code differences} gets a description otherwise).
     */
    public static Outcome compare(FieldExtractor extractor, String html, String url, List<String> differences) {
        Map<String, FieldValue> dom = extractor.extract(url, Jsoup.parse(html, url));
        Outline outline = Outline.of(html, url, extractor.probes());
        if (outline.probed().isEmpty()) {
            return Outcome.DOM_NEEDED;
        }
        Map<String, FieldValue> streamed = extractor.extract(url, outline, () -> {
            throw new AssertionError("the outline answered; no DOM should be built");
        });
        if (streamed.equals(dom)) {
            return Outcome.SAME;
        }
        StringBuilder what = new StringBuilder(html.length() > 300 ? html.substring(0, 300) + "..." : html);
        for (var entry : dom.entrySet()) {
            if (!entry.getValue().equals(streamed.get(entry.getKey()))) {
                what.append("\n  ").append(entry.getKey()).append(": dom ").append(entry.getValue())
                        .append(" / streamed ").append(streamed.get(entry.getKey()));
            }
        }
        differences.add(what.toString());
        return Outcome.DIFFERENT;
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', nullValues = "-", value = {
        "h1                              ; text     ; h1",
        "H2                              ; text     ; h2",
        "p.note                          ; text     ; p",
        "div#main.wide[data-x]           ; text     ; div",
        "li                              ; text     ; li",
        "a[rel=next]                     ; abs:href ; a",
        "a[rel='next']                   ; attr:href; a",
        "meta[name=description]          ; attr:content; meta",
        "html                            ; attr:lang; html",
        "img                             ; abs:src  ; img",
        "section                         ; attr:id  ; section",
        "link[rel=\"canonical\"]         ; abs:href ; link",
        "my-widget                       ; attr:x   ; my-widget",
        "h1                              ; html     ; -",
        "img                             ; text     ; -",
        "td                              ; text     ; -",
        "td                              ; attr:id  ; -",
        "body                            ; attr:class; -",
        "html                            ; text     ; -",
        "title                           ; text     ; -",
        "pre                             ; text     ; -",
        "option                          ; attr:value; -",
        "div p                           ; text     ; -",
        "ul > li                         ; text     ; -",
        "h1 + p                          ; text     ; -",
        "h1, h2                          ; text     ; -",
        ".price                          ; text     ; -",
        "*                               ; attr:id  ; -",
        "[href]                          ; attr:href; -",
        "p:contains(x)                   ; text     ; -",
        "li:nth-child(2)                 ; text     ; -",
        "div:has(p)                      ; attr:id  ; -",
        "a[href^=http]                   ; attr:href; -",
        "a[href~=x]                      ; attr:href; -",
        "svg|rect                        ; attr:x   ; -",
        "my\\:tag                        ; attr:x   ; -",
        "a [rel=next]                    ; attr:href; -",
    })
    void aRuleStreamsWhenItsSelectorIsOneCompoundAndItsValueIsReadInOnePass(String css, String value, String tag) {
        FieldRule rule = new FieldRule("f", css, FieldRule.Value.parse(value), false, java.util.regex.Pattern.compile(""));
        assertThat(FieldExtractor.streamingTag(rule)).isEqualTo(Optional.ofNullable(tag));
    }

    @Test
    void oneRuleThatNeedsTheDomSendsTheWholeConfigToTheDom() {
        assertThat(EXTRACTOR.probes().size()).isEqualTo(BROAD.size());
        assertThat(FieldExtractor.compile(rulesOf(List.of("h1=h1", "body=article@html"))).probes().isEmpty()).isTrue();
        assertThat(FieldExtractor.compile(rulesOf(List.of("h1=h1", "x=div p"))).probes().isEmpty()).isTrue();
    }

    /** Pages the outline's pass answers, and with the DOM's values: tree-builder corners, tables, whitespace. */
    @ParameterizedTest
    @ValueSource(strings = {
        "<!doctype html><html lang=en><head><title>t</title><meta name=description content='a &amp; b'>"
                + "<link rel=canonical href=/c></head><body><h1>Head <b>bold</b>  line</h1><p>one<p>two</p></body></html>",
        "<h1>a<h2>b</h2>c</h1><h3>x</h1>y",
        "<p>unclosed<div>block</div><p>again<ul><li>one<li>two<li>three</ul><p>last",
        "<p>text <span class=k>key</span> <a href=x rel=next>next</a> more <em>em</em>.</p>",
        "<h1>  spaced\n\t out  &nbsp; &amp; &lt;tag&gt; &#x41;&#66; &notit; &copy</h1>",
        "<h2>a<br>b<br/>c</h2><p>x<img src=i.png alt=pic>y</p>",
        "<div id=main><div>inner</div>tail<span>s</span></div><div>a</div><!-- c --><div>b</div>",
        "<li><div>a</div><!--c-->b</li><li><div>a</div> <b>c</b></li><li><div>a</div><b>c</b></li>",
        "<p>a<script>var x = '<p>no</p>';</script>b<style>p{}</style>c</p>",
        "<p>a<!-- <p>hidden</p> -->b</p><h1>x<!---->y <!-- -->z</h1>",
        "<a href=x><div>block link</div></a><a href=y><p>para link</p></a>",
        "<table><tr><td><h1>in cell</h1><a href=t>t</a></td></tr></table><h2>after</h2>",
        "<H1 CLASS=X>Upper</H1><P ID=y>para</P><A HREF=up REL=NEXT>up</A><SECTION ID=S1></SECTION>",
        "<a href=noquote rel=next>q</a><a href = 'spaced' rel = 'next'>s</a><img src=a.png src=b.png>",
        "<a href=first href=second REL=next>dup</a><span data-x=1 data-x=2>d</span><span data-x=\" 1 \">e</span>",
        "<pre><h1>pre heading</h1></pre><h1><pre>in h1</pre></h1>",
        "<pre>\n<span>x  y</span>\n  <b>z\n</b></pre><div><pre>\nline1\n\n line2 &amp;</pre> after</div>",
        "<li><pre>\r\na  b</pre> c</li><li><listing>\nl  m</listing></li><pre><!---->\nkept</pre>",
        "<div><pre><div><div><div><div><div><span> deep   text </span></div></div></div></div></div></pre></div>",
        "<dl><dt>term<dd>def<dt>term2</dl><dd>stray",
        "<button type=submit><p>in button</p><div>div</div></button><p>p<button>b<p>x</button>",
        "<body><p>x</body> <p>after body</html> trailing",
        "<li><div>a</div></body><!--c-->b</li><li><div>c</div></body> <!--c--> d<!--e--><b>f</b></li>",
        "<li><div>a</div></body></html><!--c-->b</li><li><div>c</div></body><p>p</p><!--c-->d</li>",
        "<head><noscript><link rel=canonical href=/n></noscript></head><h1>t</h1>",
        "<base href=http://other.test/base/><a href=rel rel=next>r</a><img src=//cdn.test/x.png><a href=mailto:x@y>m</a>",
        "<a href='http://[bad'>bad</a><a href=' spaced '>sp</a><a href=javascript:void(0)>js</a><a href=''>e</a>",
        "<image src=img.png><img src=\"a\u0000b\">",
        "<p>one<p>two<h1>h</h1><p>three",
        "<ul><li>a<ul><li>b</ul>c</li></ul><ol><li>x</ol><li>outside",
        "<span>a<div>b</div>c</span><span><p>d</p></span>",
        "<main><article><header><h1>h</h1></header><section id=s><h2>s</h2></section></article></main>",
        "<details><summary>sum</summary>body</details><address>addr</address><blockquote>q</blockquote>",
        "<h1>x</h1 foo=bar><h2>y</h2\n>",
        "<p>x</span>y</div>z</p>",
        "<label>l<input value=i></label><time datetime=2020>t</time><small>s</small><code>c</code>",
        "<iframe src=/f><h1>not</h1></iframe><h1>yes</h1>",
        "<h1><a href=x>link</a> <code>code</code>\r\n text</h1>",
        "<p>\u200Bzero\u00A0nbsp\u00ADsoft</p>",
        "<p>one two  three\tfour \u00a0five six\u200b seven <b>b</b> eight x</p><h2>a b</h2><h2> a b </h2><h2>a  b</h2>",
        "<h1>a <b>b</b> c</h1><p> x y</p><p>x y </p><p>x \ny</p><p>é ü ö</p><p>a&amp; b &amp;c</p>",
        "<h2>clean then <b>b</b> a &amp; b  </h2><h2>x&lt;y</h2><div>block</div>after &amp; <p>p  &nbsp;&amp;</p>",
        "<nav><ul><li><a href=/1>1</a></li><li><a href=/2>2</a></li></ul></nav>",
        "<div><p>x</div>y",
        "<listing><h1>l</h1></listing><xmp><h1>x</h1></xmp><h1>after</h1>",
        "<html class=a><body><html lang=fr class=b><h1>t</h1>",
        "<!DOCTYPE html><table><tr><td><h1>in cell</h1><a href=t>t</a></td></tr></table><h2>after</h2>",
        "<!DOCTYPE html><table>\n <caption><p>cap <b>b</b></caption>\n <colgroup><col><col span=2></colgroup><col>"
                + "<thead><tr><th>h1<th>h2</thead>\n<tbody><tr><td><p>a<td>b</tr>\n<tr><td>c</td></tr></tbody>"
                + "<tfoot><tr><td>f</td></tr></tfoot></table><p>after",
        "<!DOCTYPE html><p>para<table><tr><td>x</td></tr></table>tail<h2>h</h2>",
        "<p>quirks para<table><tr><td>x</td></tr></table>tail</p><h2>h</h2>",
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\" \"http://www.w3.org/TR/html4/loose.dtd\">"
                + "<p>para<table><tr><td>x</table>tail",
        "<!DOCTYPE html PUBLIC \"HTML\"><p>para<table><tr><td>x</table>tail",
        "<!DOCTYPE svg><p>para<table><tr><td>x</table>tail",
        "<table><tr><td><p>one<td><p>two<tr><td><b>open bold<td><a href=c>cell link</table><p>after <b>b</b>",
        "<table><td>implied row and body</td><th>head</th></table><table><tr><td>x</tr><tr><td>y</table>",
        "<div><table><tr><td><div>in</div></td></tr></table></div><div><p>p</div>",
        "<h1>title<table><tr><td>cell</td></tr></table>after</h1><h2>x</h2>",
        "<ul><li>item<table><tr><td><li>inner</td></tr></table>tail</li><li>next</ul>",
        "<table><tr><td><table><tr><td><h2>nested</h2></td></tr></table>outer</td></tr></table>",
        "<table><tr><td>x</div></span></p2></h1></li></dd>y</td></tr></table>",
        "<table><tr><td>x</td></tr></tbody></thead></tr></td></caption></col></colgroup></body></html></table>y",
        "<table><tr></span></tr></table><table><tr></div></h2></li></tr></table><p>z",
        "<table>\n  <script>var x = '<td>';</script>\n  <style>td{}</style><!-- c --><tr><td>x</td></tr></table>",
        "<table><caption>c<table><tr><td>in caption</table></caption><tr><td>y</table>",
        "<table><caption>c</table><p>after caption</p>",
        "<table><colgroup><col></colgroup><colgroup></col><tr><td>z</table>",
        "<table><tr><td>a<tr><td>b</table><table><tbody><tr><td>c</tbody><tbody><tr><td>d</table>",
        "<dl><dt>t<table><tr><td><dd>in cell</table><dd>after</dl>",
        "<table><tr><td><button>b<table><tr><td><button>c</button></table></button></table>",
        "<table><tr><td>text &amp; more\n\t spaced</td><td>&nbsp;</td></tr></table>",
        // end tags that close the current node, in the table's modes and a form's (whose end also ends the form)
        "<table><caption><b>c</b></caption><colgroup></colgroup><thead><tr><th><i>h</i></th></tr></thead>"
                + "<tbody><tr><td><p>x</p></td></tr></tbody></table><h2>after</h2>",
        "<form><p>a</p></form><form><h1>second form</h1><p>b</p></form><ul><li><dl><dt>t</dt><dd>d</dd></dl></li></ul>",
    })
    void streamedValuesEqualTheDomsOnTrickyPages(String html) {
        assertStreamedAsTheDom(EXTRACTOR, html);
    }

    /**
     * Rules that read attributes of tags the outline does not keep (img, section): the scanner reads only the
     * attributes those rules name, in any case, and still gives the DOM's values: duplicates (the first counts),
     * upper case, names in other than ASCII whose lower case is ASCII (the Kelvin sign's is k) or that jsoup's
     * case-insensitive lookup finds (a rule's dotless or dotted capital i for the page's i), NUL in a name.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "<img SRC=a.png src=b.png ALT=x><img Src=c.png><section ID=s1 class=x><section id=s2 Id=s3 CLASS='y x'>",
        "<img data-K=1 src=k.png><img data-k src=k2.png><img src=nok.png><img DATA-K=2 SRC=k3.png data-k=3>",
        "<img \u212Aey=kelvin src=k.png><img key=plain \u212Aey=second><section \u0131d=dotless id=plain>",
        "<img s\u0000rc=nul src=ok.png><section i\u0000d=x id=y class=x>",
        "<section class=x id=a><section class=\"x y\" id=b><section class=xy id=c><section class=X id=d>",
        "<section id=a class=x data-k=1><img src=i.png data-k title=t><section title=n>",
        "<aside id=plain><aside ID=upper class=c><aside \u0131d=dotless>",
    })
    void attributesReadForRulesAloneGiveTheDomsValues(String html) {
        FieldExtractor extractor = FieldExtractor.compile(rulesOf(List.of("srcs[]=img@src", "ids[]=section@id",
                "keyed[]=img[data-k]@src", "keyed_one=img[data-k=3]@src", "classed[]=section.x@id", "upper[]=img@SRC",
                "kelvin[]=img@key", "kelvin_named[]=img@\u212Aey", "dotless[]=section@\u0131d", "dotted[]=aside@\u0130d",
                "titled[]=img@title",
                "first_section=section#b@class")));
        assertThat(extractor.probes().isEmpty()).isFalse();
        assertStreamedAsTheDom(extractor, html);
    }

    /**
     * Rules that take only an attribute's value from the tag alone ({@code section@id}, {@code img@src}): the scanner
     * reads those values without an {@code Attributes} for the tag, and still gives the DOM's: the first of a name in
     * any case, a dotless i's name that jsoup's case-insensitive lookup finds, a dotted capital I's that it does not
     * (its lower case is longer), the Kelvin sign's k, NUL, references, an attribute without a value, none at all.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "<img SRC=a.png src=b.png ALT=x><img Src=c.png><section ID=s1 class=x><section id=s2 Id=s3 CLASS='y x'>",
        "<section \u0131d=dotless id=plain><section \u0130d=dotted id=plain2><section \u0130d=only>",
        "<img \u212Aey=kelvin src=k.png key=plain><img key=plain \u212Aey=second><img KEY=&amp;&lt;x>",
        "<img s\u0000rc=nul src=ok.png><section i\u0000d=x id=y class=x><section id><section id=''>",
        "<section><img><img alt=only-alt><section title=t id=&quot;q&quot; ID=later>",
    })
    void valuesReadAloneForRulesGiveTheDomsValues(String html) {
        FieldExtractor extractor = FieldExtractor.compile(rulesOf(List.of("srcs[]=img@src", "ids[]=section@id",
                "first_id=section@id", "upper[]=img@SRC", "keys[]=img@key", "alt=img@alt", "titles[]=section@title")));
        assertStreamedAsTheDom(extractor, html);
    }

    /**
     * Three text rules on one element: the first two share a capture, the third takes one of its own; nested and
     * following headings, references and block breaks inside, and a capture closed and used again for the next.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "<h1>one <b>b</b> &amp; two</h1><h1>second</h1><p>p <h1>in p</h1>",
        "<h1><div>block</div>after</h1><h1 class=x>third &lt;x&gt;</h1><h1></h1><h1>  spaced  out  </h1>",
        "<section><h1>a<h1>nested</h1>b</h1></section><h1>\u200Bzero&nbsp;nbsp</h1>",
    })
    void threeTextRulesOnOneElementGiveTheDomsValues(String html) {
        FieldExtractor extractor = FieldExtractor.compile(rulesOf(List.of("h1=h1", "h1s[]=h1", "again[]=h1",
                "first_again=h1")));
        assertThat(extractor.probes().isEmpty()).isFalse();
        assertStreamedAsTheDom(extractor, html);
    }

    /** {@code extractor}'s rules answered on {@code html} by the outline's pass alone, with the values jsoup's DOM gives. */
    private static void assertStreamedAsTheDom(FieldExtractor extractor, String html) {
        List<String> differences = new ArrayList<>();
        assertThat(compare(extractor, html, URL, differences)).as("how the page was answered").isEqualTo(Outcome.SAME);
        assertThat(differences).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "h1                          ; ''",
        "a[rel=next]                 ; rel",
        "A[REL=NEXT]                 ; rel",
        "p.note                      ; class",
        "div#main.wide[data-x]       ; id,class,data-x",
        "span[data-x='a.b#c[d]']     ; data-x",
        "span[data-x=\"]x\"][y]       ; data-x,y",
        "p.a.b#c.d                   ; class,id",
        "a[href][href=x]             ; href",
    })
    void aSelectorsKeysAreTheAttributesItReads(String css, String keys) {
        assertThat(FieldExtractor.selectorKeys(css)).isEqualTo(keys.isEmpty() ? List.of() : List.of(keys.split(",")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"div p", "a:not([rel])", "a[rel~=next]", "ul > li"})
    void aSelectorOfAnotherShapeIsRefused(String css) {
        // it never streams, and keys read from it would be too few: the scanner would skip attributes it reads
        assertThatThrownBy(() -> FieldExtractor.selectorKeys(css)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(css);
    }

    /** Pages whose markup the scanner does not follow: it must say so, so that the DOM answers. */
    @ParameterizedTest
    @ValueSource(strings = {
        "<h1>x<![CDATA[ y ]]>z</h1>",
        "<h1>before<svg><title>icon</title><a href=s>svg link</a></svg>after</h1>",
        "<a href=a1>one<a href=a2>two</a></a><a href=a3>three</a>",
        "<p><b>bold<p>next</b> tail",
        "<div><b><p>in b</p></b></div><p>x <i>y</p> z",
        "<template><h1>in template</h1></template><h1>out</h1>",
        "<select><option>o<a href=s>s</a></select><h1>after select</h1>",
        "<textarea><h1>no</h1></textarea><h1>yes<textarea>t</textarea></h1>",
        "<math><mi><h1>m</h1></mi></math><h1>after math</h1>",
        "<svg><a href=in-svg>x</a></svg><a href=out>y</a>",
        "<x-y>custom<svg></x-y></svg>tail", // an HTML end tag in svg for an open element: here, one of a custom name
        "<form action=/one><form action=/two><input value=v></form></form>",
        "<p>a</p></p><p>b</br>c</p>",
        "</head><noscript><p>ns</p></noscript><h1>t</h1>",
        "<p>nul\u0000char</p><h1>ok</h1>",
        "<em>e<strong>s</em>t</strong>",
        "<frameset><frame src=f></frameset>",
        "<p>a<b>b<i>c</i></b></p><p>a<b>b<i>c</b></i></p>",
        "<p>x<object><p>in object</p></object></p>",
        "<ruby>r<rt>t</rt></ruby><h1>after</h1>",
        "<table>text before rows<tr><td>x</td></tr></table>",
        "<table><tr><div>fostered</div><td>x</td></tr></table>",
        "<table><tr><td>x</td></tr>&nbsp;</table>",
        "<table><table><tr><td>x</td></tr></table>",
        "<table><tr><td>x</th>y</td></tr></table>",
        "<table></p></table>",
        "<!DOCTYPE html><p>para<table><tr><td>x</td></tr></table>tail</p>",
        "<table><tr></b></tr></table><p>z",
        "<form action=f><table><tr><td><form action=g><input value=i></form></table></form>",
        "<table><tr><td><svg><title>s</title></svg></td></tr><svg></svg></table>",
        "<!DOCTYPE html SYSTEM><p>para<table><tr><td>x</table>tail",
        // jsoup's dd/dt search looks 24 elements down and no further: this dd lands inside the spans, in the dt
        "<dl><dt>Term" + "<span><span><span><span><span><span><span><span><span><span><span><span><span>"
                + "<span><span><span><span><span><span><span><span><span><span><span><span>x<dd>Def</dl>",
    })
    void pagesTheScannerCannotVouchForAreLeftToTheDom(String html) {
        List<String> differences = new ArrayList<>();
        assertThat(compare(EXTRACTOR, html, URL, differences)).as("how the page was answered").isEqualTo(Outcome.DOM_NEEDED);
        assertThat(differences).isEmpty();
    }

    @Test
    void ordinaryPagesAreAnsweredWithoutADom() {
        List<String> differences = new ArrayList<>();
        assertThat(compare(EXTRACTOR, "<!doctype html><html lang=en><head><title>t</title></head><body>"
                + "<header><h1>Title</h1></header><main><section id=s0><h2>a b</h2><p>x <a href=/y>y</a>"
                + " <span class=k>k</span> <b>z</b>.</p><ul><li>one</li><li><a href=/2>2</a></li></ul></section>"
                + "</main><footer><p>f</p></footer></body></html>", URL, differences)).isEqualTo(Outcome.SAME);
        assertThat(compare(EXTRACTOR, "<table>text<tr><td>x</td></tr></table>", URL, differences))
                .isEqualTo(Outcome.DOM_NEEDED);
        assertThat(differences).isEmpty();
    }

    @Test
    void anOutlineReadWithoutProbesIsAnsweredByTheDomAndOneReadWithOtherProbesIsRefused() {
        String html = "<h1>Title</h1><p>x</p>";
        Outline plain = Outline.of(html, URL);
        assertThat(plain.probed()).isEmpty();
        assertThat(EXTRACTOR.extract(URL, plain, () -> Jsoup.parse(html, URL)))
                .isEqualTo(EXTRACTOR.extract(URL, Jsoup.parse(html, URL)));
        FieldExtractor other = FieldExtractor.compile(rulesOf(List.of("h1=h1")));
        Outline probedByOther = Outline.of(html, URL, other.probes());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EXTRACTOR.extract(URL, probedByOther, () -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 probes");
    }

    @Test
    void aRuleOnACustomElementWithALongNameIsAnsweredInThePassAsTheDomAnswersIt() {
        FieldExtractor extractor = FieldExtractor.compile(rulesOf(List.of("prices[]=product-price-box@data-v",
                "first=product-price-box[data-v]@data-v")));
        String html = "<p>a <product-price-box data-v=1>x</product-price-box> <PRODUCT-PRICE-BOX data-v=2>"
                + "<b>y</b></product-price-box><product-price-box>no value</product-price-box>";
        List<String> differences = new ArrayList<>();
        assertThat(compare(extractor, html, URL, differences)).isEqualTo(Outcome.SAME);
        assertThat(extractor.extract(URL, Outline.of(html, URL, extractor.probes()), () -> null))
                .containsEntry("prices", new FieldValue.Many(List.of("1", "2")))
                .containsEntry("first", new FieldValue.One(Optional.of("1")));
    }

    /**
     * Random soups of hard pieces: when the scanner answers, it must agree with the DOM. A ratchet like
     * OutlineTest's: the seed is fixed, so the count of differences is exact and can only go down.
     */
    @Test
    void randomPagesOfHardPiecesGiveTheDomsValuesOrAskForIt() {
        String[] pieces = {
            "<h1>", "</h1>", "<h2>", "</h2>", "<p>", "</p>", "<li>", "</li>", "<ul>", "</ul>", "<div>", "</div>",
            "<span class=k>", "</span>", "<a href=x>", "<a href=n rel=next>", "</a>", "<b>", "</b>", "<em>", "</em>",
            "<br>", "</br>", "<img src=i.png>", "<section id=s>", "</section>", "<dl>", "<dt>", "<dd>", "</dl>",
            "<button>", "</button>", "<form action=f>", "</form>", "<script>x</script>", "<style>y</style>",
            "<!-- c -->", "<![CDATA[d]]>", "<title>t</title>", "<textarea>t</textarea>", "<pre>", "</pre>",
            "<svg>", "</svg>", "<math>", "</math>", "<table>", "</table>", "<td>", "<select>", "</select>",
            "<template>", "</template>", "<tr>", "</tr>", "</td>", "<th>", "<tbody>", "</tbody>", "<caption>",
            "</caption>", "<colgroup>", "<col>", "<thead>", "<!DOCTYPE html>", "<head>", "</head>", "<body>", "</body>", "</html>", "<html lang=de>",
            "<meta name=description content=m>", "<link rel=canonical href=/c>", "<base href=/b/>", "<noscript>",
            "</noscript>", "text", " ", "\n", "&amp;", "&nbsp;", "&notit;", "<", ">", "\u0000", "<A HREF=U>",
            "<main>", "</main>", "<header>", "</header>", "<article>", "<code>", "</code>", "<xmp>", "</xmp>",
        };
        Random random = new Random(20261126);
        List<String> differences = new ArrayList<>();
        int[] outcomes = new int[Outcome.values().length];
        for (int page = 0; page < 3_000; page++) {
            StringBuilder html = new StringBuilder();
            int length = 1 + random.nextInt(30);
            for (int k = 0; k < length; k++) {
                html.append(pieces[random.nextInt(pieces.length)]);
            }
            outcomes[compare(EXTRACTOR, html.toString(), URL, differences).ordinal()]++;
        }
        System.out.printf("random pages: %d same, %d to the DOM, %d different%n", outcomes[0], outcomes[1], outcomes[2]);
        assertThat(outcomes[Outcome.SAME.ordinal()]).as("pages the outline answers").isGreaterThan(300);
        assertThat(differences).as("pages whose streamed values differ from the DOM's; first: %s",
                differences.stream().limit(3).toList()).hasSizeLessThanOrEqualTo(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"broad", "bench"})
    @EnabledIfSystemProperty(named = "trawl.outline.corpus", matches = ".+")
    void streamedValuesEqualTheDomsOnACorpus(String set) throws IOException {
        Path root = Path.of(System.getProperty("trawl.outline.corpus"));
        FieldExtractor extractor = FieldExtractor.compile(rulesOf(set.equals("bench") ? BENCH : BROAD));
        assertThat(extractor.probes().isEmpty()).isFalse();
        List<String> differences = new ArrayList<>();
        int[] outcomes = new int[Outcome.values().length];
        try (Stream<Path> files = Files.walk(root, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".html")
                    && Files.isRegularFile(f))::iterator) {
                String html = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                outcomes[compare(extractor, html, "http://corpus.test/" + root.relativize(file), differences)
                        .ordinal()]++;
            }
        }
        System.out.printf("corpus, " + set + " rules: %d same, %d to the DOM, %d different%n", outcomes[0], outcomes[1], outcomes[2]);
        assertThat(differences).as("first: %s", differences.stream().limit(3).toList()).isEmpty();
        // the pass must answer most real pages itself, or every page is parsed twice (Debian's docs: 8,744 of 8,750)
        int pages = outcomes[0] + outcomes[1] + outcomes[2];
        assertThat(pages).as("HTML pages read under %s", root).isPositive(); // else the floor below holds at 0
        assertThat(outcomes[Outcome.SAME.ordinal()]).as("pages the outline answers, of %d", pages)
                .isGreaterThanOrEqualTo(pages * 9 / 10);
    }
}
