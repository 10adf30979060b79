import java.lang.management.ManagementFactory;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * "jsoup alone": what the pages of a crawl cost jsoup by itself, the yardstick of the real-site benchmark.
 * Loads the pages into memory first (no network, no disk), then on THREADS threads parses each and
 * resolves every {@code a[href]} with {@code absUrl} -- the least a crawler has to do per page. One warm-up
 * pass, then a timed pass; prints pages/s and CPU seconds per 1,000 pages.
 *
 *   java -cp jsoup.jar src/bench/java/JsoupAlone.java ROOT URLS_FILE [THREADS]
 *
 * ROOT is the directory the server serves; URLS_FILE lists one URL per line (their paths are read under ROOT).
 */
public class JsoupAlone {
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        List<String> urls = Files.readAllLines(Path.of(args[1]));
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        List<String> pageUrls = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        for (String url : urls) {
            String path = URLDecoder.decode(url.replaceFirst("^https?://[^/]+/", "").replace("+", "%2B"),
                    StandardCharsets.UTF_8);
            Path file = root.resolve(path.isEmpty() ? "index.html" : path);
            if (Files.isRegularFile(file)) {
                pageUrls.add(url);
                bodies.add(Files.readAllBytes(file));
            }
        }
        long bytes = bodies.stream().mapToLong(b -> b.length).sum();
        System.out.printf("pages %d, %.0f MiB in memory%n", bodies.size(), bytes / 1048576.0);
        run(pageUrls, bodies, threads, Math.min(bodies.size(), 3000)); // warm-up
        long links = 0;
        var bean = ManagementFactory.getThreadMXBean();
        long cpu0 = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime();
        long t0 = System.nanoTime();
        links = run(pageUrls, bodies, threads, bodies.size());
        double wall = (System.nanoTime() - t0) / 1e9;
        long cpu = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime() - cpu0;
        System.out.printf("jsoup-alone %d threads: %d pages, %d links in %.2f s: %.0f pages/s, %.2f CPU s per 1,000 pages%n",
                threads, bodies.size(), links, wall, bodies.size() / wall, cpu / 1e9 * 1000 / bodies.size());
    }

    private static long run(List<String> urls, List<byte[]> bodies, int threads, int count) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicLong links = new AtomicLong();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    long found = 0;
                    for (int i; (i = next.getAndIncrement()) < count; ) {
                        Document doc = Jsoup.parse(new String(bodies.get(i), StandardCharsets.UTF_8), urls.get(i));
                        for (Element a : doc.select("a[href]")) {
                            if (!a.absUrl("href").isEmpty()) {
                                found++;
                            }
                        }
                    }
                    links.addAndGet(found);
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        return links.get();
    }
}
