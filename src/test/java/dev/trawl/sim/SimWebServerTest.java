package dev.trawl.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The host servers: statuses, headers, latency, accounting and shutdown. */
class SimWebServerTest {

    private static final SiteSpec SMALL = SiteSpec.defaults().withHosts(2).withPagesPerHost(20);

    private final OkHttpClient client = new OkHttpClient.Builder()
            .followRedirects(false)
            .connectionPool(new ConnectionPool())
            .build();

    @AfterEach
    void releaseClientAndCheckForLeaks() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(thread -> thread.getName().startsWith("HTTP-Dispatcher"));
    }

    @Test
    void pagesAreHtmlOfAboutPageBytesWithTitle() throws IOException {
        try (SimWeb web = SimWeb.start(SMALL)) {
            try (Response response = get(web.seeds().get(1) + "p/3.html")) {
                assertThat(response.code()).isEqualTo(200);
                assertThat(response.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
                String body = response.body().string();
                assertThat(body).startsWith("<!doctype html>").contains("<title>Host 1 page 3</title>");
                assertThat(body.length()).isBetween(SMALL.pageBytes(), SMALL.pageBytes() + 1024);
                assertThat(response.header("Content-Length")).isEqualTo(Integer.toString(body.length()));
            }
        }
    }

    @Test
    void redirectsAndMissingPagesAnswerAsSpecified() throws IOException {
        try (SimWeb web = SimWeb.start(SMALL)) {
            String root = web.seeds().getFirst();
            try (Response redirect = get(root + "r/5.html")) {
                assertThat(redirect.code()).isEqualTo(301);
                assertThat(redirect.header("Location")).isEqualTo("/p/5.html");
            }
            try (Response loop = get(root + "loop/b")) {
                assertThat(loop.code()).isEqualTo(302);
                assertThat(loop.header("Location")).isEqualTo("/loop/a");
            }
            try (Response missing = get(root + "missing/9.html")) {
                assertThat(missing.code()).isEqualTo(404);
                assertThat(missing.body().string()).contains("404 Not Found");
            }
            for (String unknown : List.of("nope", "p/20.html", "p/0.html", "p/03.html", "r/99.html")) {
                try (Response response = get(root + unknown)) {
                    assertThat(response.code()).as(unknown).isEqualTo(404);
                }
            }
            try (Response hidden = get(root + "private/3.html")) {
                assertThat(hidden.code()).isEqualTo(200);
            }
        }
    }

    @Test
    void onlyGetAndHeadAreAllowed() throws IOException {
        try (SimWeb web = SimWeb.start(SMALL)) {
            String url = web.seeds().getFirst();
            Request post = new Request.Builder().url(url).post(RequestBody.create(new byte[] {1, 2})).build();
            try (Response response = client.newCall(post).execute()) {
                assertThat(response.code()).isEqualTo(405);
                assertThat(response.header("Allow")).isEqualTo("GET, HEAD");
            }
            try (Response head = client.newCall(new Request.Builder().url(url).head().build()).execute()) {
                assertThat(head.code()).isEqualTo(200);
                assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(body(url).length()));
                assertThat(head.body().bytes()).isEmpty();
            }
        }
    }

    @Test
    void sequentialRequestsReuseOneConnection() throws IOException {
        try (SimWeb web = SimWeb.start(SMALL)) {
            for (int page = 1; page < 10; page++) {
                try (Response response = get(web.seeds().getFirst() + "p/" + page + ".html")) {
                    response.body().string();
                }
            }
            assertThat(client.connectionPool().connectionCount()).isOne();
            assertThat(web.maxConcurrent(web.origins().getFirst())).isOne();
        }
    }

    @Test
    void latencyDelaysEveryResponse() throws IOException {
        Duration latency = Duration.ofMillis(150);
        try (SimWeb web = SimWeb.start(SMALL.withLatency(latency, Duration.ofMillis(20)))) {
            for (int page = 1; page <= 3; page++) {
                long start = System.nanoTime();
                try (Response response = get(web.seeds().getFirst() + "p/" + page + ".html")) {
                    assertThat(response.code()).isEqualTo(200);
                }
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(130));
            }
        }
    }

    @Test
    void eachAnswerStartsItsLatencyAfterItsRequestArrived() throws IOException {
        Duration latency = Duration.ofMillis(100);
        try (SimWeb web = SimWeb.start(SMALL.withLatency(latency))) {
            for (int page = 1; page <= 3; page++) {
                try (Response response = get(web.seeds().getFirst() + "p/" + page + ".html")) {
                    assertThat(response.code()).isEqualTo(200);
                }
            }
            String origin = web.origins().getFirst();
            List<Long> arrived = web.requestStartNanos(origin);
            List<Long> answered = web.responseStartNanos(origin);
            assertThat(answered).hasSameSizeAs(arrived).hasSize(3);
            for (int i = 0; i < arrived.size(); i++) { // one request at a time: the i-th answer is the i-th request's
                assertThat(Duration.ofNanos(answered.get(i) - arrived.get(i))).isGreaterThanOrEqualTo(latency);
            }
        }
    }

    @Test
    void maxConcurrentCountsParallelRequestsPerHost() throws InterruptedException {
        int parallel = 24;
        try (SimWeb web = SimWeb.start(SMALL.withLatency(Duration.ofMillis(800)))) {
            Dispatcher dispatcher = new Dispatcher();
            dispatcher.setMaxRequests(parallel);
            dispatcher.setMaxRequestsPerHost(parallel);
            OkHttpClient parallelClient = client.newBuilder().dispatcher(dispatcher).build();
            CountDownLatch done = new CountDownLatch(parallel);
            ConcurrentLinkedQueue<Integer> codes = new ConcurrentLinkedQueue<>();
            for (int i = 0; i < parallel; i++) {
                String url = web.seeds().getFirst() + "p/" + (i % 19 + 1) + ".html";
                parallelClient.newCall(new Request.Builder().url(url).build()).enqueue(new Callback() {
                    @Override
                    public void onResponse(Call call, Response response) {
                        try (response) {
                            codes.add(response.code());
                        }
                        done.countDown();
                    }

                    @Override
                    public void onFailure(Call call, IOException e) {
                        done.countDown();
                    }
                });
            }
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            dispatcher.executorService().shutdown();

            assertThat(codes).hasSize(parallel).containsOnly(200);
            assertThat(web.maxConcurrent(web.origins().getFirst())).isEqualTo(parallel);
            assertThat(web.maxConcurrent(web.origins().get(1))).isZero();
            List<Long> starts = web.requestStartNanos(web.origins().getFirst());
            assertThat(starts).hasSize(parallel).isSorted();
            assertThat(web.totalRequests()).isEqualTo(parallel);
        }
    }

    @Test
    void thousandSlowResponsesAreHeldAtOnceWithoutAThreadEach() throws Exception {
        int parallel = 1000;
        // Long enough that the last request arrives while the first still waits, however loaded the machine.
        try (SimWeb web = SimWeb.start(SMALL.withLatency(Duration.ofSeconds(60)));
                ExecutorService clientPool = Executors.newFixedThreadPool(2)) {
            HttpClient nio = HttpClient.newBuilder().executor(clientPool).version(HttpClient.Version.HTTP_1_1).build();
            try {
                for (int i = 0; i < parallel; i++) {
                    String url = web.seeds().get(i % 2) + "p/" + (i % 19 + 1) + ".html";
                    nio.sendAsync(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding());
                }
                await().atMost(Duration.ofSeconds(50)).until(() -> peakInFlight(web) == parallel);
                // this web's own (an earlier test's web may still be winding down its threads)
                String ours = "trawl-sim-" + URI.create("http://" + web.origins().getFirst()).getPort() + "-";
                long simThreads = Thread.getAllStackTraces().keySet().stream()
                        .filter(thread -> thread.getName().startsWith(ours))
                        .count();

                assertThat(simThreads).as("platform threads of the sim while %d responses wait", parallel)
                        .isLessThanOrEqualTo(Runtime.getRuntime().availableProcessors());
            } finally {
                nio.shutdownNow(); // the responses are not awaited: closing the web drops them
            }
        }
    }

    private static long peakInFlight(SimWeb web) {
        return web.origins().stream().mapToLong(web::maxConcurrent).sum();
    }

    @Test
    void hitsCountEveryRequestPerExactUrl() throws IOException {
        try (SimWeb web = SimWeb.start(SMALL)) {
            String url = web.seeds().getFirst() + "p/4.html";
            get(url).close();
            get(url).close();
            get(url + "?x=1").close();
            get(web.seeds().getFirst() + "robots.txt").close();

            assertThat(web.hits(url)).isEqualTo(2);
            assertThat(web.hits(url + "?x=1")).isOne();
            assertThat(web.hits(url + "#frag")).isZero();
            assertThat(web.hits("http://example.com/")).isZero();
            assertThat(web.hitCounts()).containsOnlyKeys(url, url + "?x=1");
            assertThat(web.requestStartNanos(web.origins().getFirst())).hasSize(4).isSorted();
        }
    }

    @Test
    void unknownOriginIsRejectedWithTheKnownOnes() {
        try (SimWeb web = SimWeb.start(SMALL)) {
            assertThatThrownBy(() -> web.maxConcurrent("127.0.0.1:1"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("127.0.0.1:1")
                    .hasMessageContaining(web.origins().getFirst());
        }
    }

    @Test
    void closeReleasesEveryPortAndMayBeRepeated() throws IOException {
        SimWeb web = SimWeb.start(SMALL);
        List<Integer> ports = web.origins().stream().map(origin -> URI.create("http://" + origin).getPort()).toList();
        web.close();
        web.close();
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"))) {
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void closeDoesNotWaitForDelayedResponses() throws InterruptedException {
        SimWeb web = SimWeb.start(SMALL.withLatency(Duration.ofSeconds(30)));
        CountDownLatch answered = new CountDownLatch(1);
        client.newCall(new Request.Builder().url(web.seeds().getFirst()).build()).enqueue(new Callback() {
            @Override
            public void onResponse(Call call, Response response) {
                response.close();
                answered.countDown();
            }

            @Override
            public void onFailure(Call call, IOException e) {
                answered.countDown();
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> web.totalRequests() == 1);
        long start = System.nanoTime();
        web.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(answered.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void bindFailureNamesThePort() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> SimWeb.start(SMALL.withHosts(1).withBasePort(port)))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("127.0.0.1:" + port);
        }
    }

    @Test
    void describeNamesTheShapeAndTheSeeds() {
        try (SimWeb web = SimWeb.start(SMALL)) {
            assertThat(web.describe())
                    .contains("2 hosts x 20 pages")
                    .contains(web.seeds().get(0))
                    .contains(web.seeds().get(1));
        }
    }

    private String body(String url) throws IOException {
        try (Response response = get(url)) {
            return response.body().string();
        }
    }

    private Response get(String url) throws IOException {
        return client.newCall(new Request.Builder().url(url).build()).execute();
    }
}
