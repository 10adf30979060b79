package dev.trawl.robots;

import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.SiteMapURL;
import crawlercommons.sitemaps.UnknownFormatException;
import dev.trawl.fetch.FetchRequest;
import dev.trawl.fetch.FetchResult;
import dev.trawl.fetch.Fetcher;
import dev.trawl.fetch.SendListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ByteArrayInputStream;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;

/**
 * Reads one sitemap (XML, text or RSS/Atom, as crawler-commons parses them), gzipped or not, through the
 * crawl's fetcher: one request per call, never following anything itself. What it lists comes back as
 * data, and the frontier decides what to do with it (same host, robots.txt, scope, counts). A sitemap is
 * untrusted input: the body is capped by the fetcher, and a gzipped body is cut at the same cap once
 * inflated. Thread-safe.
 */
public final class SitemapReader {
    private final Fetcher fetcher;
    private final long maxBytes;

    /** @param maxBytes the most bytes of one sitemap, fetched and (if gzipped) inflated: {@code fetch.max-body} */
    public SitemapReader(Fetcher fetcher, long maxBytes) {
        this.fetcher = fetcher;
        this.maxBytes = maxBytes;
    }

    /**
     * What a sitemap lists.
     *
     * @param sitemaps further sitemaps: those an index lists, or the target of a redirect (absolute, as written)
     * @param pages the page URLs it lists (absolute, as written)
     * @param problem why nothing could be read, for diagnostics; empty when it was read
     */
    public record Listing(List<String> sitemaps, List<String> pages, String problem) {
        public Listing {
            sitemaps = List.copyOf(sitemaps);
            pages = List.copyOf(pages);
        }

        static Listing nothing(String problem) {
            return new Listing(List.of(), List.of(), problem);
        }
    }

    /** Fetches and parses the sitemap at {@code url}; never fails (a problem is an empty listing). */
    public CompletableFuture<Listing> read(String url) {
        return read(url, SendListener.NONE);
    }

    /** {@link #read(String)}, telling {@code listener} when the request goes out. */
    public CompletableFuture<Listing> read(String url, SendListener listener) {
        return fetcher.fetchAsync(FetchRequest.of(url).capped(maxBytes).whenSent(listener))
                .thenApply(result -> listing(url, result));
    }

    private Listing listing(String url, FetchResult result) {
        return switch (result) {
            case FetchResult.Failed failed -> Listing.nothing(failed.kind().label() + ": " + failed.message());
            case FetchResult.Fetched fetched when fetched.isRedirect() -> redirect(url, fetched.location().orElseThrow());
            case FetchResult.Fetched fetched when fetched.status() / 100 != 2 -> Listing.nothing("status " + fetched.status());
            case FetchResult.Fetched fetched when !fetched.bodyRead() ->
                    Listing.nothing("not read: " + fetched.contentType().orElse("no content type"));
            case FetchResult.Fetched fetched -> parse(url, fetched);
        };
    }

    private static Listing redirect(String url, String location) {
        try {
            return new Listing(List.of(URI.create(url).resolve(location.strip()).toString()), List.of(), "");
        } catch (IllegalArgumentException e) {
            return Listing.nothing("bad redirect: " + location);
        }
    }

    private Listing parse(String url, FetchResult.Fetched fetched) {
        try {
            byte[] body = fetched.body();
            String contentType = fetched.contentType().orElse("");
            if (isGzip(body)) {
                body = gunzip(body);
                // the type named the wrapper (and the URL may end in .gz): say what is inside
                contentType = new String(body, 0, Math.min(body.length, 256), java.nio.charset.StandardCharsets.ISO_8859_1)
                        .strip().startsWith("<") || body.length > 2 && (body[0] & 0xff) == 0xef ? "application/xml" : "text/plain";
            } else if (contentType.contains("gzip")) {
                return Listing.nothing("says gzip, but is not");
            }
            // not strict: URLs outside the sitemap's directory are kept; trawl's own scope decides on them
            AbstractSiteMap parsed = contentType.isEmpty()
                    ? new SiteMapParser(false).parseSiteMap(body, new URL(url))
                    : new SiteMapParser(false).parseSiteMap(contentType, body, new URL(url));
            if (parsed instanceof SiteMapIndex index) {
                return new Listing(index.getSitemaps().stream().map(s -> s.getUrl().toString()).toList(), List.of(), "");
            }
            if (parsed instanceof SiteMap map) {
                return new Listing(List.of(), map.getSiteMapUrls().stream().map(SiteMapURL::getUrl)
                        .map(URL::toString).toList(), "");
            }
            return Listing.nothing("not a sitemap");
        } catch (UnknownFormatException | MalformedURLException e) {
            return Listing.nothing("not a sitemap: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            return Listing.nothing("unreadable: " + e.getMessage());
        }
    }

    private static boolean isGzip(byte[] body) {
        return body.length >= 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b;
    }

    /** Inflates, stopping with an error past {@code maxBytes}: a small gzip may inflate to gigabytes. */
    private byte[] gunzip(byte[] body) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (out.size() + (long) n > maxBytes) {
                    throw new IOException("inflates past the " + maxBytes + "-byte body cap");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }
}
