package dev.trawl.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * The simplest correct crawler: breadth-first, one request at a time, robots.txt {@code Disallow}
 * prefixes obeyed, redirects followed by hand, scope limited to the given origins. The yardstick that
 * {@link SimWeb#expected()} is checked against. Not thread-safe.
 */
final class PoliteTestCrawler {

    private final OkHttpClient client;

    PoliteTestCrawler(OkHttpClient client) {
        this.client = client.newBuilder().followRedirects(false).followSslRedirects(false).build();
    }

    /** Crawls from {@code seeds}, returning each fetched URL with the status it answered. */
    Map<String, Integer> crawl(List<String> seeds, List<String> origins) {
        Map<String, List<String>> disallows = new HashMap<>();
        for (String origin : origins) {
            disallows.put(origin, disallowedPrefixes("http://" + origin + "/robots.txt"));
        }
        Map<String, Integer> fetched = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        Queue<HttpUrl> queue = new ArrayDeque<>();
        for (String seed : seeds) {
            HttpUrl url = HttpUrl.get(seed);
            seen.add(url.toString());
            queue.add(url);
        }
        while (!queue.isEmpty()) {
            HttpUrl url = queue.remove();
            String origin = url.host() + ":" + url.port();
            if (disallows.get(origin).stream().anyMatch(prefix -> url.encodedPath().startsWith(prefix))) {
                continue;
            }
            for (HttpUrl next : fetch(url, fetched)) {
                String nextOrigin = next.host() + ":" + next.port();
                if (origins.contains(nextOrigin) && seen.add(next.toString())) {
                    queue.add(next);
                }
            }
        }
        return fetched;
    }

    private List<HttpUrl> fetch(HttpUrl url, Map<String, Integer> fetched) {
        try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
            fetched.put(url.toString(), response.code());
            List<HttpUrl> next = new ArrayList<>();
            if (response.isRedirect()) {
                HttpUrl location = url.resolve(response.header("Location"));
                next.add(location.newBuilder().fragment(null).build());
            } else if (response.code() == 200) {
                for (Element anchor : Jsoup.parse(response.body().string(), url.toString()).select("a[href]")) {
                    HttpUrl link = HttpUrl.parse(anchor.absUrl("href"));
                    if (link != null) {
                        next.add(link.newBuilder().fragment(null).build());
                    }
                }
            }
            return next;
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + url, e);
        }
    }

    private List<String> disallowedPrefixes(String robotsUrl) {
        try (Response response = client.newCall(new Request.Builder().url(robotsUrl).build()).execute()) {
            List<String> prefixes = new ArrayList<>();
            for (String line : response.body().string().split("\n")) {
                if (line.startsWith("Disallow:") && !line.substring("Disallow:".length()).isBlank()) {
                    prefixes.add(line.substring("Disallow:".length()).strip());
                }
            }
            return prefixes;
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + robotsUrl, e);
        }
    }
}
