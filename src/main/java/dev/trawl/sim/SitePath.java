package dev.trawl.sim;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One path of the simulated site's URL scheme, which both the link generator and the server's router
 * use, so they cannot disagree. Immutable.
 *
 * @param kind what answers at the path
 * @param n    the page, missing-page or redirect number; 0 for kinds without one
 */
record SitePath(Kind kind, int n) {

    /** What answers at a path, and with which status. */
    enum Kind {
        /** A generated HTML page; page 0 is {@code /}, page n is {@code /p/n.html}. */
        PAGE(200),
        /** {@code /missing/n.html}: a 404 with a small HTML body. */
        MISSING(404),
        /** {@code /r/n.html}: 301 to page n. */
        REDIRECT(301),
        /** {@code /private/n.html}: a page robots.txt disallows. */
        PRIVATE(200),
        /** {@code /loop/a}: 302 to {@code /loop/b}. */
        LOOP_A(302),
        /** {@code /loop/b}: 302 back to {@code /loop/a}. */
        LOOP_B(302),
        /** {@code /robots.txt}. */
        ROBOTS(200),
        /**
         * {@code /cal?m=n}: month n of an endless calendar, a crawler trap; links to month n + 1. Only on a
         * spec with {@link SiteSpec#traps()}.
         */
        CALENDAR(200),
        /** {@code /only/n.html}: a page no page links to, listed in the sitemap (a spec with {@link SiteSpec#sitemaps()}). */
        SITEMAP_ONLY(200),
        /** {@code /sitemaps/index.xml}: the sitemap index robots.txt names. */
        SITEMAP_INDEX(200),
        /** {@code /sitemaps/pages.xml.gz}: the gzipped sitemap the index lists. */
        SITEMAP_URLSET(200);

        final int status;

        Kind(int status) {
            this.status = status;
        }
    }

    static final SitePath ROOT = new SitePath(Kind.PAGE, 0);
    static final SitePath LOOP_A = new SitePath(Kind.LOOP_A, 0);
    static final SitePath LOOP_B = new SitePath(Kind.LOOP_B, 0);
    static final SitePath ROBOTS = new SitePath(Kind.ROBOTS, 0);
    static final SitePath SITEMAP_INDEX = new SitePath(Kind.SITEMAP_INDEX, 0);
    static final SitePath SITEMAP_URLSET = new SitePath(Kind.SITEMAP_URLSET, 0);
    /** Where the calendar trap starts; it goes on one month per page, without end. */
    static final SitePath CALENDAR_START = new SitePath(Kind.CALENDAR, 0);
    /** The calendar's path; its month is in the query. */
    static final String CALENDAR = "/cal";

    private static final Pattern NUMBERED = Pattern.compile("/(p|missing|r|private|only)/(0|[1-9][0-9]{0,8})\\.html");
    private static final Pattern MONTH = Pattern.compile("m=(0|[1-9][0-9]{0,8})");

    SitePath {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative: " + n);
        }
    }

    static SitePath page(int n) {
        return new SitePath(Kind.PAGE, n);
    }

    /** The path as served, with the query of a calendar page: {@code /p/7.html}, {@code /cal?m=3}. */
    String path() {
        return switch (kind) {
            case PAGE -> n == 0 ? "/" : "/p/" + n + ".html";
            case MISSING -> "/missing/" + n + ".html";
            case REDIRECT -> "/r/" + n + ".html";
            case PRIVATE -> "/private/" + n + ".html";
            case LOOP_A -> "/loop/a";
            case LOOP_B -> "/loop/b";
            case ROBOTS -> "/robots.txt";
            case CALENDAR -> CALENDAR + "?m=" + n;
            case SITEMAP_ONLY -> "/only/" + n + ".html";
            case SITEMAP_INDEX -> "/sitemaps/index.xml";
            case SITEMAP_URLSET -> "/sitemaps/pages.xml.gz";
        };
    }

    int status() {
        return kind.status;
    }

    /** Where a redirect leads; empty for paths that are not redirects. */
    Optional<SitePath> redirectTarget() {
        return switch (kind) {
            case REDIRECT -> Optional.of(page(n));
            case LOOP_A -> Optional.of(LOOP_B);
            case LOOP_B -> Optional.of(LOOP_A);
            default -> Optional.empty();
        };
    }

    /** {@link #parse(String, String)} of a path that may carry a query: {@code /cal?m=3}. */
    static Optional<SitePath> parse(String rawPathAndQuery) {
        int question = rawPathAndQuery.indexOf('?');
        return question < 0 ? parse(rawPathAndQuery, null)
                : parse(rawPathAndQuery.substring(0, question), rawPathAndQuery.substring(question + 1));
    }

    /**
     * Parses a raw request path exactly as sent: no normalization, so {@code /p/./7.html} is unknown.
     * {@code /p/0.html} is unknown too, since page 0 lives at {@code /}. The query is ignored but by the
     * calendar, whose month it is ({@code /cal?m=3}).
     *
     * @param rawQuery the query as sent, without '?'; null for none
     */
    static Optional<SitePath> parse(String rawPath, String rawQuery) {
        if (rawPath.equals(CALENDAR)) {
            Matcher month = rawQuery == null ? null : MONTH.matcher(rawQuery);
            return month != null && month.matches()
                    ? Optional.of(new SitePath(Kind.CALENDAR, Integer.parseInt(month.group(1))))
                    : Optional.empty();
        }
        switch (rawPath) {
            case "/" -> {
                return Optional.of(ROOT);
            }
            case "/loop/a" -> {
                return Optional.of(LOOP_A);
            }
            case "/loop/b" -> {
                return Optional.of(LOOP_B);
            }
            case "/robots.txt" -> {
                return Optional.of(ROBOTS);
            }
            case "/sitemaps/index.xml" -> {
                return Optional.of(SITEMAP_INDEX);
            }
            case "/sitemaps/pages.xml.gz" -> {
                return Optional.of(SITEMAP_URLSET);
            }
            default -> {
                Matcher m = NUMBERED.matcher(rawPath);
                if (!m.matches()) {
                    return Optional.empty();
                }
                int n = Integer.parseInt(m.group(2));
                Kind kind = switch (m.group(1)) {
                    case "p" -> Kind.PAGE;
                    case "missing" -> Kind.MISSING;
                    case "r" -> Kind.REDIRECT;
                    case "only" -> Kind.SITEMAP_ONLY;
                    default -> Kind.PRIVATE;
                };
                return kind == Kind.PAGE && n == 0 ? Optional.empty() : Optional.of(new SitePath(kind, n));
            }
        }
    }
}
