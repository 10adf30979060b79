package dev.trawl.extract;

import org.jsoup.nodes.Element;

/**
 * Document order over a tree's elements, one step at a time, without building a list: jsoup's
 * {@code getAllElements()} collects every element of the page through a stream first, which a profile of
 * a crawl with extraction rules put at a third of the rules' own cost ({@link FieldExtractor}). Use as
 * {@code for (Element e = root; e != null; e = ElementWalk.next(e, root))}. Stateless.
 */
final class ElementWalk {
    private ElementWalk() {}

    /**
     * The element after {@code current} in document order (pre-order: itself, then its children), staying
     * within {@code root}; null after the last.
     */
    static Element next(Element current, Element root) {
        Element child = current.firstElementChild();
        if (child != null) {
            return child;
        }
        for (Element e = current; e != root; e = e.parent()) {
            Element sibling = e.nextElementSibling();
            if (sibling != null) {
                return sibling;
            }
        }
        return null;
    }
}
