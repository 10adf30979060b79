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
        ROBOTS(200);

        final int status;

        Kind(int status) {
            this.status = status;
        }
    }

    static final SitePath ROOT = new SitePath(Kind.PAGE, 0);
    static final SitePath LOOP_A = new SitePath(Kind.LOOP_A, 0);
    static final SitePath LOOP_B = new SitePath(Kind.LOOP_B, 0);
    static final SitePath ROBOTS = new SitePath(Kind.ROBOTS, 0);

    private static final Pattern NUMBERED = Pattern.compile("/(p|missing|r|private)/(0|[1-9][0-9]{0,8})\\.html");

    SitePath {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative: " + n);
        }
    }

    static SitePath page(int n) {
        return new SitePath(Kind.PAGE, n);
    }

    /** The path as served, e.g. {@code /p/7.html}. */
    String path() {
        return switch (kind) {
            case PAGE -> n == 0 ? "/" : "/p/" + n + ".html";
            case MISSING -> "/missing/" + n + ".html";
            case REDIRECT -> "/r/" + n + ".html";
            case PRIVATE -> "/private/" + n + ".html";
            case LOOP_A -> "/loop/a";
            case LOOP_B -> "/loop/b";
            case ROBOTS -> "/robots.txt";
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

    /**
     * Parses a raw request path exactly as sent: no normalization, so {@code /p/./7.html} is unknown.
     * {@code /p/0.html} is unknown too, since page 0 lives at {@code /}.
     */
    static Optional<SitePath> parse(String rawPath) {
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
                    default -> Kind.PRIVATE;
                };
                return kind == Kind.PAGE && n == 0 ? Optional.empty() : Optional.of(new SitePath(kind, n));
            }
        }
    }
}
