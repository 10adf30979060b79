import java.lang.management.ManagementFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the WARC writer costs a page, without a crawl around it: for each trawl checkout given (built: its
 * {@code target/classes} and {@code target/lib}), a {@code WarcFileWriter} (reached by reflection: it is
 * package-private) is fed the pages under PAGES_DIR as a crawl feeds it, page by page: the page's exchange held
 * ({@code hold}, as {@code archiveForRecord} does), then its record written ({@code write}), which writes the
 * response, the request and the metadata records into a {@code .warc.gz} in a scratch directory and a line into
 * its CDXJ index. Each page's exchange has a request head and a response head like the simulated web's (and the
 * launcher's client's), and its record the fields a crawl of it has (title, description, language, charset,
 * outlinks). The record's JSON is made before the clock starts: in a crawl with a JSONL output the JSONL writer
 * makes it as often as not, and it is the same bytes for both ({@code RecordJson}).
 *
 * <p>Beside the whole writer, each page is also put through the checkout's codec alone: the response's gzip
 * member and the body's SHA-1, the per-byte floor that stays (level 0 ISA-L deflate and libcrypto SHA-1 where the
 * machine has them). "java" is whole minus floor: the headers, index line, record IDs, stored members, copies and
 * downcall overheads this bench is for. The floor is measured right after the whole writer, on the same bytes,
 * so it finds the page and the codec's state in the caches: "java" includes the first touch's cache misses
 * (measured the other way round, the floor first, "java" came out ~5 us a page lower, for both checkouts alike).
 * Counts this thread's CPU time (user and system: the file writes are in it), and the bytes it allocated (which a
 * crawl pays again in young collections, on another thread).
 *
 * <p>As in {@code RulesCost}: the checkouts run in one JVM, each in its own class loader, interleaved page by
 * page and taking turns going first; rounds, the first ones warm-up; medians and ranges; and each checkout
 * against the first, paired by round (the host's speed swings from round to round, both checkouts see the same
 * swing). One writer per checkout for the whole run, as a crawl has one file: its {@code warcinfo} is outside the
 * clock, and its close (the index's sort, once a crawl) is timed apart, one reading a checkout.
 *
 *   JAVA=/usr/lib/jvm/java-25-openjdk-amd64/bin/java   (JDK 22+: the native codec)
 *   $JAVA -XX:TieredStopAtLevel=1 -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED \
 *       src/bench/java/WarcCost.java PAGES_DIR ROUNDS SCRATCH_DIR CHECKOUT...
 *   e.g. $JAVA ... src/bench/java/WarcCost.java /tmp/s9/pages 15 /tmp/s9-warc/cost /work/speed-base-9 .
 *   (a checkout built with mvn compile has no target/lib: mvn dependency:copy-dependencies -DincludeScope=runtime
 *    -DoutputDirectory=target/lib)
 *
 * (The launcher's flags: C1 only and the serial collector.) The first three rounds are warm-up, not counted.
 */
public class WarcCost {
    private static final int WARM_UP = 3;
    private static final int HOSTS = 4;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final Pattern TITLE = Pattern.compile("<title>([^<]*)</title>");
    private static final Pattern DESCRIPTION = Pattern.compile("<meta name=\"description\" content=\"([^\"]*)\"");
    private static final Pattern LINK = Pattern.compile("<a [^>]*href=");
    private static final byte[] RECORD_END = {'\r', '\n', '\r', '\n'};
    private static final String USER_AGENT =
            "trawl/0.1 (+https://github.com/trawl-dev/trawl; a polite crawler; honours robots.txt)";

    /** A page as fetched: its URL, body, and what a crawl's record of it says. */
    private record Page(String url, String path, int port, byte[] body, String title, String description,
            int outlinks) {}

    /** One checkout's classes, its writer and codec, and the page's objects made with its classes. */
    private static final class Checkout {
        final String name;
        final Object writer;
        final Method hold;
        final Method write;
        final Method close;
        final Object codec;
        final Method sha1;
        final Method member;
        final Object discard;
        final List<Object> exchanges = new ArrayList<>();
        final List<Object> records = new ArrayList<>();
        final List<byte[]> heads = new ArrayList<>();
        final List<byte[]> bodies = new ArrayList<>();
        long sink;

        Checkout(Path dir, Path scratch, int index, List<Page> pages, Instant start) throws Exception {
            name = dir.toAbsolutePath().normalize().getFileName().toString();
            List<URL> urls = new ArrayList<>(List.of(dir.resolve("target/classes").toUri().toURL()));
            try (Stream<Path> jars = Files.list(dir.resolve("target/lib"))) {
                for (Path jar : jars.toList()) {
                    urls.add(jar.toUri().toURL());
                }
            }
            ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
            Class<?> writerClass = loader.loadClass("dev.trawl.sink.WarcFileWriter");
            Class<?> exchangeClass = loader.loadClass("dev.trawl.fetch.WireExchange");
            Class<?> recordJsonClass = loader.loadClass("dev.trawl.sink.RecordJson");
            Class<?> codecClass = loader.loadClass("dev.trawl.sink.MemberCodec");
            Class<?> outClass = loader.loadClass("dev.trawl.sink.MemberCodec$Out");
            Constructor<?> newWriter = writerClass.getDeclaredConstructor(Path.class, long.class, Map.class);
            newWriter.setAccessible(true);
            Path out = scratch.resolve(index + "-" + name);
            Files.createDirectories(out);
            writer = newWriter.newInstance(out.resolve("cost.warc.gz"), 1L << 40,
                    Map.of("software", List.of("trawl WarcCost")));
            hold = accessible(writerClass.getMethod("hold", exchangeClass));
            write = accessible(writerClass.getMethod("write", recordJsonClass));
            close = accessible(writerClass.getMethod("close"));
            Method best = accessible(codecClass.getMethod("best"));
            codec = best.invoke(null);
            sha1 = accessible(codecClass.getMethod("sha1", byte[].class));
            member = accessible(codecClass.getMethod("member", outClass, byte[][].class));
            ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
            discard = Proxy.newProxyInstance(loader, new Class<?>[] {outClass}, (proxy, method, args) -> {
                if (!method.getName().equals("room")) {
                    return method.invoke(this, args); // toString and the like: not called by the codec
                }
                if (buffer.remaining() < (int) args[0]) {
                    buffer.clear();
                }
                return buffer;
            });
            System.out.printf("  %-20s %s%n", name, accessible(codecClass.getMethod("implementation")).invoke(codec));

            Constructor<?> newExchange = exchangeClass.getConstructor(String.class, Instant.class, Optional.class,
                    byte[].class, byte[].class, byte[].class, boolean.class);
            Constructor<?> newRecordJson = recordJsonClass.getDeclaredConstructor(
                    loader.loadClass("dev.trawl.sink.CrawlRecord"));
            newRecordJson.setAccessible(true);
            Method json = accessible(recordJsonClass.getDeclaredMethod("json"));
            Class<?> recordClass = loader.loadClass("dev.trawl.sink.CrawlRecord");
            Method builder = recordClass.getMethod("builder", String.class, int.class);
            Class<?> builderClass = loader.loadClass("dev.trawl.sink.CrawlRecord$Builder");
            Optional<InetAddress> ip = Optional.of(InetAddress.getByName("127.0.0.1"));
            for (int i = 0; i < pages.size(); i++) {
                Page page = pages.get(i);
                Instant at = start.plusNanos(i * 437_000L); // ~2,300 pages a second: the WARC-Date changes now and then
                byte[] head = responseHead(page, at);
                exchanges.add(newExchange.newInstance(page.url, at, ip, requestHead(page), head, page.body, false));
                heads.add(head);
                bodies.add(page.body);
                Object b = builder.invoke(null, page.url, 1 + i % 3);
                builderClass.getMethod("status", int.class).invoke(b, 200);
                builderClass.getMethod("contentType", Optional.class).invoke(b, Optional.of("text/html"));
                builderClass.getMethod("fetchedAt", Instant.class).invoke(b, at);
                builderClass.getMethod("elapsedMillis", long.class).invoke(b, 4L);
                builderClass.getMethod("bytes", long.class).invoke(b, (long) page.body.length);
                builderClass.getMethod("title", Optional.class).invoke(b, Optional.of(page.title));
                builderClass.getMethod("description", Optional.class).invoke(b, Optional.of(page.description));
                builderClass.getMethod("language", Optional.class).invoke(b, Optional.of("en"));
                builderClass.getMethod("charset", Optional.class).invoke(b, Optional.of("UTF-8"));
                builderClass.getMethod("outlinks", int.class).invoke(b, page.outlinks);
                builderClass.getMethod("attempts", int.class).invoke(b, 1);
                Object recordJson = newRecordJson.newInstance(builderClass.getMethod("build").invoke(b));
                json.invoke(recordJson); // made before the clock: see the class comment
                records.add(recordJson);
            }
        }

        /**
         * Adds to {@code into} this thread's CPU nanoseconds and allocated bytes for page {@code i}: [0] the whole
         * writer (hold, then write), [1] the floor (the response's member and the body's SHA-1 by the codec alone),
         * [2] the bytes the writer allocated.
         */
        void page(int i, long[] into) throws Exception {
            long thread = Thread.currentThread().threadId();
            long a0 = THREADS.getThreadAllocatedBytes(thread);
            long t0 = THREADS.getCurrentThreadCpuTime();
            hold.invoke(writer, exchanges.get(i));
            write.invoke(writer, records.get(i));
            long t1 = THREADS.getCurrentThreadCpuTime();
            long a1 = THREADS.getThreadAllocatedBytes(thread);
            byte[] body = bodies.get(i);
            sink += ((byte[]) sha1.invoke(codec, body))[0];
            member.invoke(codec, discard, new byte[][] {heads.get(i), body, RECORD_END});
            long t2 = THREADS.getCurrentThreadCpuTime();
            into[0] += t1 - t0;
            into[1] += t2 - t1;
            into[2] += a1 - a0;
        }
    }

    private static Method accessible(Method method) {
        method.setAccessible(true);
        return method;
    }

    /** The request head the launcher's client sends (as a WARC of a sim crawl shows it). */
    private static byte[] requestHead(Page page) {
        return ("GET " + page.path + " HTTP/1.1\r\nUser-Agent: " + USER_AGENT
                + "\r\nAccept: text/html,application/xhtml+xml;q=0.9,*/*;q=0.1\r\nHost: 127.0.0.1:" + page.port
                + "\r\nConnection: Keep-Alive\r\nAccept-Encoding: gzip\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The response head the simulated web sends. */
    private static byte[] responseHead(Page page, Instant at) {
        return ("HTTP/1.1 200 OK\r\nDate: " + java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                at.atZone(java.time.ZoneOffset.UTC)) + "\r\nContent-type: text/html; charset=utf-8\r\nContent-length: "
                + page.body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: WarcCost PAGES_DIR ROUNDS SCRATCH_DIR CHECKOUT...");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        List<Page> pages = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).sorted().toList()) {
                byte[] body = Files.readAllBytes(file);
                String html = new String(body, StandardCharsets.UTF_8);
                String name = file.getFileName().toString();
                int n = Integer.parseInt(name.substring(0, name.length() - ".html".length()));
                int port = 19100 + n % HOSTS;
                String path = "/p/" + n + ".html";
                pages.add(new Page("http://127.0.0.1:" + port + path, path, port, body, first(TITLE, html),
                        first(DESCRIPTION, html), (int) LINK.matcher(html).results().count()));
            }
        }
        if (pages.isEmpty()) {
            System.err.println("WarcCost: no N.html under " + dir + ": nothing to measure");
            System.exit(1);
        }
        int rounds = Integer.parseInt(args[1]);
        Path scratch = Path.of(args[2]);
        Instant start = Instant.parse("2026-11-27T11:00:00.123456789Z");
        System.out.println("codecs:");
        List<Checkout> checkouts = new ArrayList<>();
        for (int k = 3; k < args.length; k++) {
            checkouts.add(new Checkout(Path.of(args[k]), scratch, k - 3, pages, start));
        }
        List<List<double[]>> results = new ArrayList<>();
        checkouts.forEach(c -> results.add(new ArrayList<>()));
        for (int round = 0; round < WARM_UP + rounds; round++) {
            long[][] sums = new long[checkouts.size()][3];
            int turn = round;
            for (int i = 0; i < pages.size(); i++) {
                int first = turn++ % checkouts.size(); // each checkout goes first in turn: the second finds the page cached
                for (int j = 0; j < checkouts.size(); j++) {
                    int k = (first + j) % checkouts.size();
                    checkouts.get(k).page(i, sums[k]);
                }
            }
            for (int k = 0; k < checkouts.size() && round >= WARM_UP; k++) {
                double n = pages.size();
                results.get(k).add(new double[] {sums[k][0] / 1e3 / n, sums[k][1] / 1e3 / n, sums[k][2] / n});
            }
        }
        List<String> closes = new ArrayList<>();
        for (Checkout checkout : checkouts) { // the index's sort, once a crawl: its own figure, not a page's
            long c0 = THREADS.getCurrentThreadCpuTime();
            checkout.close.invoke(checkout.writer);
            closes.add(String.format("%s %.1f ms", checkout.name, (THREADS.getCurrentThreadCpuTime() - c0) / 1e6));
        }
        System.out.printf("%d pages, %d rounds; us of CPU per page, median (min-max)%n", pages.size(), rounds);
        for (int k = 0; k < checkouts.size(); k++) {
            List<double[]> r = results.get(k);
            System.out.printf("  %-20s whole %s   floor %s   java %s   allocated %.0f bytes a page%n",
                    checkouts.get(k).name, spread(r, 0), spread(r, 1), spread(r, 3),
                    median(r.stream().mapToDouble(x -> x[2]).sorted().toArray()));
        }
        for (int k = 1; k < checkouts.size(); k++) {
            System.out.printf("  %-20s against %s, paired by round: whole %s%%   java %s%%%n", checkouts.get(k).name,
                    checkouts.getFirst().name, paired(results.get(k), results.getFirst(), 0),
                    paired(results.get(k), results.getFirst(), 3));
        }
        System.out.printf("closing each writer (sorting its index of %d lines), CPU: %s%n",
                pages.size() * (WARM_UP + rounds), String.join(", ", closes));
    }

    private static String first(Pattern pattern, String html) {
        Matcher m = pattern.matcher(html);
        return m.find() ? m.group(1) : "";
    }

    /** Reading {@code reading} of a round: 0 whole, 1 floor, 3 whole minus floor (the Java part). */
    private static double value(double[] round, int reading) {
        return reading == 3 ? round[0] - round[1] : round[reading];
    }

    /** The change from {@code base} to {@code other}, in percent, round by round. */
    private static String paired(List<double[]> other, List<double[]> base, int reading) {
        double[] change = new double[base.size()];
        for (int r = 0; r < change.length; r++) {
            change[r] = 100 * value(other.get(r), reading) / value(base.get(r), reading) - 100;
        }
        Arrays.sort(change);
        return String.format("%+.1f (%+.1f..%+.1f)", median(change), change[0], change[change.length - 1]);
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String spread(List<double[]> rounds, int reading) {
        double[] sorted = rounds.stream().mapToDouble(x -> value(x, reading)).sorted().toArray();
        return String.format("%.1f (%.1f-%.1f)", median(sorted), sorted[0], sorted[sorted.length - 1]);
    }
}
