package dev.trawl.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Not a test: measures how many requests per second the sim serves to OkHttp clients in the same
 * JVM (so client and server share the cores). Run with
 * {@code java -cp target/classes:target/test-classes:<deps> dev.trawl.sim.SimWebThroughput [clients] [seconds] [gzip]}.
 */
final class SimWebThroughput {

    public static void main(String[] args) throws InterruptedException, ExecutionException {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        Duration run = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 10);
        boolean gzip = args.length > 2 && Boolean.parseBoolean(args[2]);
        SiteSpec spec = SiteSpec.defaults().withGzip(gzip);
        Dispatcher dispatcher = new Dispatcher();
        OkHttpClient client = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .followRedirects(false)
                .connectionPool(new ConnectionPool(clients * 2, 1, java.util.concurrent.TimeUnit.MINUTES))
                .build();
        try (SimWeb web = SimWeb.start(spec);
                ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<String> urls = new ArrayList<>(web.expected().keySet());
            measure(pool, client, urls, clients, Duration.ofSeconds(3)); // warm-up
            long before = web.totalRequests();
            long bytes = measure(pool, client, urls, clients, run);
            long requests = web.totalRequests() - before;
            System.out.printf("%d clients, gzip %s, %d pages of %d bytes: %d requests in %s = %.0f req/s, %.1f MB/s body%n",
                    clients, gzip, spec.totalPages(), spec.pageBytes(), requests, run,
                    requests / (run.toNanos() / 1e9), bytes / (run.toNanos() / 1e9) / 1e6);
        } finally {
            dispatcher.executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    private static long measure(ExecutorService pool, OkHttpClient client, List<String> urls, int clients,
            Duration run) throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + run.toNanos();
        List<Future<Long>> results = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            SplittableRandom random = new SplittableRandom(c);
            results.add(pool.submit(() -> {
                long bytes = 0;
                while (System.nanoTime() < deadline) {
                    String url = urls.get(random.nextInt(urls.size()));
                    try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
                        bytes += response.body().bytes().length;
                    } catch (IOException e) {
                        throw new UncheckedIOException(url, e);
                    }
                }
                return bytes;
            }));
        }
        long bytes = 0;
        for (Future<Long> result : results) {
            bytes += result.get();
        }
        return bytes;
    }
}
