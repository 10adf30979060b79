package dev.trawl.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class ElementWalkTest {
    private static final String PAGE = "<!doctype html><html lang=en><head><title>t</title><!-- c --></head><body>"
            + "text <div id=a><p>one <b>two</b> three</p><p></p><ul><li>x<li>y <i>z</i></ul></div>"
            + "<section id=b><h2>h</h2>tail</section><table><tr><td>1<td>2</table><br><img src=i.png></body></html>";

    private static List<Element> walk(Element root) {
        List<Element> seen = new ArrayList<>();
        for (Element e = root; e != null; e = ElementWalk.next(e, root)) {
            seen.add(e);
        }
        return seen;
    }

    @Test
    void visitsEveryElementInDocumentOrderAsGetAllElementsDoes() {
        Document doc = Jsoup.parse(PAGE, "http://a.test/");
        assertThat(walk(doc)).containsExactlyElementsOf(doc.getAllElements());
    }

    @Test
    void staysWithinItsRoot() {
        Document doc = Jsoup.parse(PAGE, "http://a.test/");
        Element div = doc.getElementById("a");
        assertThat(walk(div)).containsExactlyElementsOf(div.getAllElements());
        Element leaf = doc.selectFirst("img");
        assertThat(walk(leaf)).containsExactly(leaf);
    }
}
