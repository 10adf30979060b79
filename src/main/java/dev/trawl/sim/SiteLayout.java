package dev.trawl.sim;

import dev.trawl.sim.PageLink.Form;
import dev.trawl.sim.SitePath.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Which page links where: the link graph of the simulated site, derived from the {@link SiteSpec}
 * alone, independent of the ports the hosts end up on. Each page's links come from a random
 * generator seeded with (seed, host, page), so they can be computed on demand in any order.
 *
 * <p>Immutable and thread-safe.
 */
final class SiteLayout {

    /** Share of random extra links that go to another host, when there is one. */
    static final double CROSS_HOST_RATE = 0.2;
    /** Share of pages that link into {@code /private/}, when the spec has a private section. */
    static final double PRIVATE_LINK_RATE = 0.05;
    /** Share of pages on which one link appears a second time. */
    static final double DUPLICATE_RATE = 0.3;
    /** Share of links that carry a {@code #fragment}. */
    static final double FRAGMENT_RATE = 0.15;

    /** The prefix a host with strict robots.txt disallows besides {@code /private/}. */
    static final String STRICT_DISALLOW = "/p/1";
    /** What a failing page answers. */
    static final int ERROR_STATUS = 503;

    private static final long LINK_SALT = 0x6C696E6BL;
    private static final long ERROR_SALT = 0x6572726FL;
    private static final long ROBOTS_SALT = 0x726F626FL;
    private static final Form[] SAME_HOST_FORMS = Form.values();

    private final SiteSpec spec;
    private final int fanOut;

    SiteLayout(SiteSpec spec) {
        this.spec = spec;
        this.fanOut = Math.max(1, spec.linksPerPage() / 2);
    }

    SiteSpec spec() {
        return spec;
    }

    /** A generator for one page's randomness, independent of every other page's. */
    static SplittableRandom random(long seed, int host, int page, long salt) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L
                + host * 0xBF58476D1CE4E5B9L
                + page * 0x94D049BB133111EBL
                + salt);
    }

    /** Whether page {@code page} of host {@code host} answers {@link #ERROR_STATUS}; a root never does. */
    boolean fails(int host, int page) {
        return page != 0 && spec.errorRate() > 0
                && random(spec.seed(), host, page, ERROR_SALT).nextDouble() < spec.errorRate();
    }

    /** Whether host {@code host}'s robots.txt also disallows {@link #STRICT_DISALLOW}. */
    boolean strictRobots(int host) {
        return spec.robotsDisallowRate() > 0
                && random(spec.seed(), host, 0, ROBOTS_SALT).nextDouble() < spec.robotsDisallowRate();
    }

    /** Whether host {@code host}'s robots.txt disallows {@code path}. */
    boolean disallows(int host, SitePath path) {
        return path.kind() == Kind.PRIVATE && spec.privateSection()
                || path.kind() != Kind.ROBOTS && strictRobots(host) && path.path().startsWith(STRICT_DISALLOW);
    }

    /** The links on page {@code page} of host {@code host}, in the order they appear. */
    List<PageLink> links(int host, int page) {
        SplittableRandom random = random(spec.seed(), host, page, LINK_SALT);
        int pages = spec.pagesPerHost();
        List<PageLink> links = new ArrayList<>(spec.linksPerPage() + 4);
        for (long child = (long) page * fanOut + 1; child <= (long) page * fanOut + fanOut && child < pages; child++) {
            links.add(sameHost(random, host, SitePath.page((int) child)));
        }
        for (int i = fanOut; i < spec.linksPerPage(); i++) {
            if (spec.hosts() > 1 && random.nextDouble() < CROSS_HOST_RATE) {
                int other = (host + 1 + random.nextInt(spec.hosts() - 1)) % spec.hosts();
                links.add(new PageLink(other, SitePath.page(random.nextInt(pages)), Form.ABSOLUTE, fragment(random)));
            } else {
                links.add(sameHost(random, host, SitePath.page(random.nextInt(pages))));
            }
        }
        // Draw every decision, whatever the rates, so one rate does not reshuffle the others.
        boolean broken = random.nextDouble() < spec.brokenLinkRate();
        boolean redirect = random.nextDouble() < spec.redirectRate();
        int redirectTo = random.nextInt(pages);
        boolean toPrivate = random.nextDouble() < PRIVATE_LINK_RATE;
        if (broken) {
            links.add(sameHost(random, host, new SitePath(Kind.MISSING, page)));
        }
        if (redirect) {
            links.add(sameHost(random, host, new SitePath(Kind.REDIRECT, redirectTo)));
        }
        if (spec.privateSection() && toPrivate) {
            links.add(sameHost(random, host, new SitePath(Kind.PRIVATE, page)));
        }
        if (spec.redirectLoop() && host == 0 && page == 0) {
            links.add(sameHost(random, host, SitePath.LOOP_A));
        }
        if (!links.isEmpty() && random.nextDouble() < DUPLICATE_RATE) {
            PageLink original = links.get(random.nextInt(links.size()));
            PageLink again = original.form() == Form.ABSOLUTE && original.host() != host
                    ? original
                    : sameHost(random, host, original.target());
            links.add(random.nextInt(links.size() + 1), again);
        }
        if (spec.traps() && page == 0) {
            // after every draw, so that a site with traps has the same pages and links as one without
            links.add(new PageLink(host, SitePath.CALENDAR_START, Form.ROOT_RELATIVE, ""));
        }
        return Collections.unmodifiableList(links);
    }

    private static PageLink sameHost(SplittableRandom random, int host, SitePath target) {
        Form form = SAME_HOST_FORMS[random.nextInt(SAME_HOST_FORMS.length)];
        return new PageLink(host, target, form, fragment(random));
    }

    private static String fragment(SplittableRandom random) {
        return random.nextDouble() < FRAGMENT_RATE ? "s" + random.nextInt(10) : "";
    }

    /**
     * The page URLs host {@code host}'s sitemap lists, as paths: its root and the pages only the sitemap
     * leads to. Empty without {@link SiteSpec#sitemaps()}.
     */
    List<SitePath> sitemapPages() {
        if (!spec.sitemaps()) {
            return List.of();
        }
        List<SitePath> pages = new ArrayList<>();
        pages.add(SitePath.ROOT);
        for (int n = 0; n < SiteSpec.SITEMAP_ONLY_PAGES; n++) {
            pages.add(new SitePath(Kind.SITEMAP_ONLY, n));
        }
        return List.copyOf(pages);
    }

    /**
     * What a correct crawler seeded with every host's root ends up fetching, and which linked URLs
     * robots.txt keeps it from. The calendar trap's pages are left out of both: there is no end to them.
     *
     * @param baseUrls {@code http://NAME:PORT} of each host, in host order
     */
    Answer answer(List<String> baseUrls) {
        record Node(int host, SitePath path) {}
        Map<String, Integer> expected = new LinkedHashMap<>();
        Set<String> disallowed = new LinkedHashSet<>();
        Set<Node> seen = new HashSet<>();
        Queue<Node> queue = new ArrayDeque<>();
        for (int host = 0; host < spec.hosts(); host++) {
            Node root = new Node(host, SitePath.ROOT);
            seen.add(root);
            queue.add(root);
        }
        for (int host = 0; host < spec.hosts(); host++) { // every host is a seed's, so its sitemap is read
            for (SitePath page : sitemapPages()) {
                Node listed = new Node(host, page);
                if (seen.add(listed)) {
                    queue.add(listed);
                }
            }
        }
        while (!queue.isEmpty()) {
            Node node = queue.remove();
            String url = baseUrls.get(node.host()) + node.path().path();
            if (node.path().kind() == Kind.CALENDAR) {
                continue;
            }
            if (disallows(node.host(), node.path())) {
                disallowed.add(url);
                continue;
            }
            boolean page = node.path().kind() == Kind.PAGE;
            boolean failing = page && fails(node.host(), node.path().n());
            expected.put(url, failing ? ERROR_STATUS : node.path().status());
            List<Node> next = new ArrayList<>();
            node.path().redirectTarget().ifPresent(to -> next.add(new Node(node.host(), to)));
            if (page && !failing) {
                for (PageLink link : links(node.host(), node.path().n())) {
                    next.add(new Node(link.host(), link.target()));
                }
            }
            for (Node to : next) {
                if (seen.add(to)) {
                    queue.add(to);
                }
            }
        }
        return new Answer(Collections.unmodifiableMap(expected), Collections.unmodifiableSet(disallowed));
    }

    /** The URLs a correct crawler fetches, with their statuses, and the ones it must not. */
    record Answer(Map<String, Integer> expected, Set<String> disallowed) {}
}
