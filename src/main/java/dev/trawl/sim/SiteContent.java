package dev.trawl.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;

/**
 * The bytes behind every URL of the simulated web: routes a request path to a page, a redirect, a
 * 404, robots.txt, a sitemap or a calendar month (see {@link SiteSpec#traps()}). Generated pages are rendered once
 * and cached, plain and gzipped, as long as the whole site fits ({@link SiteSpec#cachedIn(long)}); larger sites are
 * rendered on every request.
 *
 * <p>Thread-safe: the caches are atomic arrays, and two threads rendering the same page at once
 * produce the same bytes, so either may win.
 */
final class SiteContent {

    private static final long LATENCY_SALT = 0x6C617465L;
    private static final long SESSION_SALT = 0x73657373L;
    /** Share of links that carry a session id or tracking tag, on a site with traps. */
    static final double SESSION_LINK_RATE = 0.1;
    static final String SITEMAP_XMLNS = "http://www.sitemaps.org/schemas/sitemap/0.9";

    private final SiteSpec spec;
    private final SiteLayout layout;
    private final PageRenderer renderer;
    private final List<String> baseUrls;
    private final List<byte[]> robots;
    private final AtomicReferenceArray<byte[]> plainPages;
    private final AtomicReferenceArray<byte[]> gzippedPages;

    /** @param baseUrls {@code http://NAME:PORT} of each host, in host order */
    SiteContent(SiteLayout layout, List<String> baseUrls) {
        this.spec = layout.spec();
        this.layout = layout;
        this.renderer = new PageRenderer(spec);
        this.baseUrls = List.copyOf(baseUrls);
        this.robots = IntStream.range(0, spec.hosts())
                .mapToObj(host -> robotsTxt(layout, host, baseUrls.get(host)).getBytes(StandardCharsets.UTF_8))
                .toList();
        int slots = spec.cachedIn(Runtime.getRuntime().maxMemory()) ? (int) spec.totalPages() : 0;
        this.plainPages = new AtomicReferenceArray<>(slots);
        this.gzippedPages = new AtomicReferenceArray<>(spec.gzip() ? slots : 0);
    }

    /**
     * The answer for a GET or HEAD of {@code rawPath} on host {@code host}.
     *
     * @param rawQuery the query as sent, without '?'; null for none
     * @param acceptsGzip whether the client sent {@code Accept-Encoding: gzip}
     */
    SimResponse respond(int host, String rawPath, String rawQuery, boolean acceptsGzip) {
        Optional<SitePath> parsed = SitePath.parse(rawPath, rawQuery);
        if (parsed.isEmpty()) {
            return html(404, PageRenderer.notFound(rawPath), acceptsGzip);
        }
        SitePath path = parsed.get();
        return switch (path.kind()) {
            case PAGE -> path.n() < spec.pagesPerHost()
                    ? page(host, path.n(), acceptsGzip)
                    : html(404, PageRenderer.notFound(rawPath), acceptsGzip);
            case REDIRECT -> path.n() < spec.pagesPerHost()
                    ? SimResponse.redirect(301, SitePath.page(path.n()).path())
                    : html(404, PageRenderer.notFound(rawPath), acceptsGzip);
            case LOOP_A, LOOP_B -> spec.redirectLoop()
                    ? SimResponse.redirect(302, path.redirectTarget().orElseThrow().path())
                    : html(404, PageRenderer.notFound(rawPath), acceptsGzip);
            case PRIVATE -> html(200, renderer.privatePage(host, path.n()), acceptsGzip);
            case MISSING -> html(404, PageRenderer.notFound(rawPath), acceptsGzip);
            case ROBOTS -> new SimResponse(200, Optional.of(SimResponse.TEXT), Optional.empty(), robots.get(host), false);
            case CALENDAR -> spec.traps()
                    ? html(200, renderer.calendarPage(host, path.n()), acceptsGzip)
                    : html(404, PageRenderer.notFound(rawPath), acceptsGzip);
            case SITEMAP_ONLY -> spec.sitemaps() && path.n() < SiteSpec.SITEMAP_ONLY_PAGES
                    ? html(200, renderer.sitemapOnlyPage(host, path.n()), acceptsGzip)
                    : html(404, PageRenderer.notFound(rawPath), acceptsGzip);
            case SITEMAP_INDEX -> spec.sitemaps()
                    ? new SimResponse(200, Optional.of("application/xml"), Optional.empty(), sitemapIndex(host), false)
                    : html(404, PageRenderer.notFound(rawPath), acceptsGzip);
            case SITEMAP_URLSET -> spec.sitemaps()
                    ? new SimResponse(200, Optional.of("application/gzip"), Optional.empty(), gzip(urlset(host)), false)
                    : html(404, PageRenderer.notFound(rawPath), acceptsGzip);
        };
    }

    /** The sitemap index robots.txt names: it lists the one gzipped sitemap. */
    private byte[] sitemapIndex(int host) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"" + SITEMAP_XMLNS + "\"><sitemap><loc>"
                + baseUrls.get(host) + SitePath.SITEMAP_URLSET.path() + "</loc></sitemap></sitemapindex>\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The sitemap proper, before gzip: {@link SiteLayout#sitemapPages()}. */
    private byte[] urlset(int host) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"")
                .append(SITEMAP_XMLNS).append("\">");
        for (SitePath page : layout.sitemapPages()) {
            xml.append("<url><loc>").append(baseUrls.get(host)).append(page.path()).append("</loc></url>");
        }
        return xml.append("</urlset>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * How long the response to {@code rawPath} on host {@code host} is held back: drawn from the spec's
     * {@link Latency} with a generator seeded by the site's seed, the host and the path, so the same URL is
     * always as slow, in every run and whatever the order of requests.
     */
    Duration latency(int host, String rawPath) {
        if (spec.latency() instanceof Latency.Fixed fixed) {
            return fixed.value();
        }
        return spec.latency().sample(SiteLayout.random(spec.seed(), host, rawPath.hashCode(), LATENCY_SALT));
    }

    /** The name URLs give host {@code host}. */
    String hostName(int host) {
        return spec.hostName(host);
    }

    private SimResponse page(int host, int page, boolean acceptsGzip) {
        if (layout.fails(host, page)) {
            return html(SiteLayout.ERROR_STATUS, PageRenderer.unavailable(), acceptsGzip);
        }
        int slot = host * spec.pagesPerHost() + page;
        Supplier<byte[]> render = () -> renderer.page(host, page, hrefs(host, page));
        if (spec.gzip() && acceptsGzip) {
            byte[] body = cached(gzippedPages, slot, () -> gzip(cached(plainPages, slot, render)));
            return new SimResponse(200, Optional.of(SimResponse.HTML), Optional.empty(), body, true);
        }
        byte[] body = cached(plainPages, slot, render);
        return new SimResponse(200, Optional.of(SimResponse.HTML), Optional.empty(), body, false);
    }

    private List<String> hrefs(int host, int page) {
        String from = SitePath.page(page).path();
        List<String> hrefs = layout.links(host, page).stream().map(link -> link.href(from, baseUrls)).toList();
        return spec.traps() ? withSessionIds(hrefs, SiteLayout.random(spec.seed(), host, page, SESSION_SALT)) : hrefs;
    }

    /**
     * Some of {@code hrefs} with a session id or a tracking tag, as servlet containers and newsletters write
     * them: {@code p/7.html;jsessionid=…}, {@code p/7.html?sid=…}, {@code p/7.html?utm_source=…&sid=…}. Each
     * leads to the page the plain href does, for a crawler that strips them. Drawn from a generator of its
     * own, so the site's pages and links stay those of the same spec without traps.
     */
    private static List<String> withSessionIds(List<String> hrefs, java.util.SplittableRandom random) {
        return hrefs.stream().map(href -> {
            if (random.nextDouble() >= SESSION_LINK_RATE || href.contains("/cal?")) {
                return href;
            }
            int hash = href.indexOf('#');
            String target = hash < 0 ? href : href.substring(0, hash);
            String fragment = hash < 0 ? "" : href.substring(hash);
            String session = Long.toHexString(random.nextLong() | Long.MIN_VALUE).toUpperCase(java.util.Locale.ROOT);
            String decorated = switch (random.nextInt(3)) {
                case 0 -> target + ";jsessionid=" + session;
                case 1 -> target + "?sid=" + session;
                default -> target + ";jsessionid=" + session + "?utm_source=trawl-sim&sid=" + session;
            };
            return decorated + fragment;
        }).toList();
    }

    private SimResponse html(int status, byte[] body, boolean acceptsGzip) {
        boolean gzipped = spec.gzip() && acceptsGzip;
        return new SimResponse(status, Optional.of(SimResponse.HTML), Optional.empty(),
                gzipped ? gzip(body) : body, gzipped);
    }

    private static byte[] cached(AtomicReferenceArray<byte[]> cache, int slot, Supplier<byte[]> render) {
        if (slot >= cache.length()) {
            return render.get();
        }
        byte[] body = cache.get(slot);
        if (body == null) {
            body = render.get();
            cache.set(slot, body);
        }
        return body;
    }

    private static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 3 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip into memory failed", e);
        }
        return out.toByteArray();
    }

    /**
     * Host {@code host}'s robots.txt: disallows {@code /private/} when the spec has a private section, and
     * {@link SiteLayout#STRICT_DISALLOW} on hosts with strict rules; announces the crawl delay, and the
     * sitemap index when the spec has sitemaps.
     *
     * @param baseUrl {@code http://NAME:PORT} of the host
     */
    static String robotsTxt(SiteLayout layout, int host, String baseUrl) {
        SiteSpec spec = layout.spec();
        StringBuilder robots = new StringBuilder("# robots.txt of ").append(spec.hostName(host))
                .append(" (trawl sim host ").append(host).append(")\nUser-agent: *\n");
        if (!spec.privateSection() && !layout.strictRobots(host)) {
            robots.append("Disallow:\n");
        }
        if (spec.privateSection()) {
            robots.append("Disallow: /private/\n");
        }
        if (layout.strictRobots(host)) {
            robots.append("Disallow: ").append(SiteLayout.STRICT_DISALLOW).append('\n');
        }
        spec.crawlDelay().ifPresent(delay -> robots.append("Crawl-delay: ").append(seconds(delay)).append('\n'));
        if (spec.sitemaps()) {
            robots.append("Sitemap: ").append(baseUrl).append(SitePath.SITEMAP_INDEX.path()).append('\n');
        }
        return robots.toString();
    }

    /** Seconds with as many decimals as needed: 2, 0.5, 0.125. */
    static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toNanos(), 9).stripTrailingZeros().toPlainString();
    }
}
