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
 * 404 or robots.txt. Generated pages are rendered once and cached, plain and gzipped, as long as the
 * whole site fits in {@link #CACHE_BUDGET_BYTES}; larger sites are rendered on every request.
 *
 * <p>Thread-safe: the caches are atomic arrays, and two threads rendering the same page at once
 * produce the same bytes, so either may win.
 */
final class SiteContent {

    /** Pages are cached only if all of them together are expected to fit in this many bytes. */
    static final long CACHE_BUDGET_BYTES = 256L * 1024 * 1024;

    private static final long LATENCY_SALT = 0x6C617465L;

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
                .mapToObj(host -> robotsTxt(layout, host).getBytes(StandardCharsets.UTF_8))
                .toList();
        long estimate = spec.totalPages() * (spec.pageBytes() + 64L * spec.linksPerPage() + 512);
        int slots = estimate <= CACHE_BUDGET_BYTES ? (int) spec.totalPages() : 0;
        this.plainPages = new AtomicReferenceArray<>(slots);
        this.gzippedPages = new AtomicReferenceArray<>(spec.gzip() ? slots : 0);
    }

    /**
     * The answer for a GET or HEAD of {@code rawPath} on host {@code host}.
     *
     * @param acceptsGzip whether the client sent {@code Accept-Encoding: gzip}
     */
    SimResponse respond(int host, String rawPath, boolean acceptsGzip) {
        Optional<SitePath> parsed = SitePath.parse(rawPath);
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
        };
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
        return layout.links(host, page).stream().map(link -> link.href(from, baseUrls)).toList();
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
     * {@link SiteLayout#STRICT_DISALLOW} on hosts with strict rules; announces the crawl delay.
     */
    static String robotsTxt(SiteLayout layout, int host) {
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
        return robots.toString();
    }

    /** Seconds with as many decimals as needed: 2, 0.5, 0.125. */
    static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toNanos(), 9).stripTrailingZeros().toPlainString();
    }
}
