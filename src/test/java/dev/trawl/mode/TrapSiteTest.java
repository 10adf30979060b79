package dev.trawl.mode;

import static dev.trawl.mode.TestCrawl.html;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile site of infinite URL spaces, crawled with the depth limit out of the way: a calendar, a path
 * that only gets deeper, links that carry a fresh session id each time, and faceted navigation that keeps
 * adding filters. Each is contained within its trap budget, and the summary names the limit that fired.
 */
class TrapSiteTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    /** Requests per path (query ignored). */
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final AtomicInteger sessions = new AtomicInteger();

    private int requests(String path) {
        return requests.getOrDefault(path, new AtomicInteger()).get();
    }

    private void serveTraps() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                String month = request.getUrl().queryParameter("m");
                return switch (path) {
                    case "/robots.txt" -> new MockResponse.Builder().code(404).build();
                    case "/" -> html("<a href=/cal?m=0>calendar</a> <a href=/deep/0/>deep</a>"
                            + " <a href=/account?sid=" + sessions.incrementAndGet() + "&utm_source=mail>account</a>"
                            + " <a href=/shop>shop</a>");
                    case "/cal" -> {
                        int m = Integer.parseInt(month);
                        yield html("<a href=/cal?m=" + (m + 1) + ">next</a> <a href=/cal?m=" + (m - 1) + ">prev</a>");
                    }
                    case "/account" -> html("<a href=/account?sid=" + sessions.incrementAndGet() + ">again</a>"
                            + " <a href=/account?utm_campaign=x" + sessions.get() + ">tracked</a>");
                    case "/shop" -> html(facets(request.getUrl().query()));
                    default -> path.startsWith("/deep/")
                            ? html("<a href=" + path + (path.split("/").length) + "/>deeper</a>")
                            : new MockResponse.Builder().code(404).build();
                };
            }
        });
    }

    /** Links adding each filter to the current ones, in an order that differs from link to link. */
    private static String facets(String query) {
        String current = query == null ? "" : query;
        StringBuilder links = new StringBuilder();
        for (String facet : List.of("color=red", "color=blue", "size=s", "size=m", "brand=a", "brand=b", "sort=price")) {
            if (!current.contains(facet)) {
                String next = current.isEmpty() ? facet : facet + "&" + current;
                links.append("<a href=/shop?").append(next).append(">f</a> ");
            }
        }
        return links.toString();
    }

    @Test
    void everyTrapIsContainedWithinItsBudgetAndNamed() throws Exception {
        serveTraps();

        TestCrawl crawl = TestCrawl.run(TestCrawl.config(dir.resolve("out.jsonl"), "limits.max-depth=1000",
                "traps.max-query-variants=10", "traps.max-path-depth=8"), List.of(server.url("/").toString()));

        assertThat(requests("/cal")).as("calendar months fetched").isEqualTo(10);
        assertThat(requests("/shop")).as("facet combinations fetched, plus the bare /shop").isEqualTo(11);
        assertThat(requests("/account")).as("one page, whatever its session id").isEqualTo(1);
        assertThat(requests.keySet().stream().filter(p -> p.startsWith("/deep/")).count())
                .as("levels of the endless path: /deep/0/ (2 segments) to 8 segments").isEqualTo(7);
        assertThat(crawl.summary.errorsByKind()).containsKeys("trap_query_variants", "trap_path_depth");
        assertThat(crawl.summary.render()).contains("traps      URLs not fetched: ", "by traps.max-query-variants",
                "by traps.max-path-depth");
        var stopped = crawl.records.stream().filter(r -> "trap_query_variants".equals(r.path("error").asText()))
                .findFirst().orElseThrow();
        assertThat(stopped.get("error_message").asText()).contains("traps.max-query-variants 10");
        assertThat(crawl.record(server.url("/account").toString()).get("status").asInt())
                .as("recorded under its URL without the session and tracking parameters").isEqualTo(200);
    }
}
