package dev.trawl.jmh;

import java.util.ArrayList;
import java.util.List;

/**
 * A page shaped like the large real site's (javadoc and rustdoc): about 30 KB of markup, about 90 links,
 * most of them relative with {@code ../} and fragments, some absolute, some not followable.
 */
final class Pages {
    static final String URL = "http://127.0.0.1:19280/docs/api/java.base/java/util/concurrent/ConcurrentHashMap.html";

    private Pages() {}

    /** The hrefs of one page, as written. */
    static List<String> hrefs() {
        List<String> hrefs = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            hrefs.add("ConcurrentHashMap.html#method" + i + "(java.lang.Object,java.util.function.BiFunction)");
            hrefs.add("../../../java/lang/Class" + i + ".html");
            hrefs.add("../function/Function" + i + ".html#apply(T)");
        }
        hrefs.add("../../../../index.html");
        hrefs.add("package-summary.html");
        hrefs.add("#skip-navbar-top");
        hrefs.add("https://docs.oracle.com/javase/specs/jls/se17/html/jls-17.html#jls-17.4.5");
        hrefs.add("mailto:docs@example.com");
        hrefs.add("javascript:void(0)");
        hrefs.add("../../../../search.html?q=%7Ea b");
        hrefs.add("//cdn.example.com/x.js");
        return hrefs;
    }

    /** The page's HTML: the links above amid text, tables and code, like a javadoc page. */
    static String html() {
        StringBuilder html = new StringBuilder(40_000);
        html.append("<!DOCTYPE HTML><html lang=\"en\"><head><meta charset=\"utf-8\"><title>ConcurrentHashMap (Java SE 17)</title>")
                .append("<meta name=\"description\" content=\"declaration: module: java.base, package: java.util.concurrent\">")
                .append("<link rel=\"stylesheet\" href=\"../../../../stylesheet.css\"></head><body><main><div class=\"block\">");
        int i = 0;
        for (String href : hrefs()) {
            html.append("<section class=\"detail\" id=\"m").append(i++).append("\"><h3>compute</h3>")
                    .append("<div class=\"member-signature\"><span class=\"modifiers\">public</span>&nbsp;")
                    .append("<span class=\"return-type\"><a href=\"").append(href).append("\" title=\"class\">V</a></span>")
                    .append("&nbsp;<span class=\"element-name\">compute</span>(K&nbsp;key)</div>")
                    .append("<div class=\"block\">Attempts to compute a mapping for the specified key and its current ")
                    .append("mapped value (or <code>null</code> if there is no current mapping). The entire method ")
                    .append("invocation is performed atomically.</div><dl class=\"notes\"><dt>Parameters:</dt>")
                    .append("<dd><code>key</code> - key with which the specified value is to be associated</dd></dl></section>\n");
        }
        return html.append("</div></main></body></html>").toString();
    }
}
