import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * What extraction rules cost a page's one pass, without a crawl around it: for each trawl checkout given, the
 * pages under PAGES_DIR are read by the outline scanner alone and by the scanner with the ten rules of
 * {@code src/bench/export.sh} (and their fields extracted), in rounds, the checkouts interleaved page by page in one JVM
 * (each in its own class loader, built: {@code ./trawl --version} in it first). Counts this thread's CPU time,
 * which a loaded machine's other processes do not add to, though its speed swings still do: compare the
 * checkouts in the same run. Prints the median and range of microseconds of CPU per page for both readings and
 * for their difference, the rules' own cost; with two checkouts or more, also each one's readings against the first
 * one's, paired by round (the host's speed swings from round to round, and both checkouts see the same swing), which
 * tells a few percent apart where the medians do not. The checkouts take turns going first, page by page: whichever
 * reads a page second found it in the caches, which by itself made one of two identical checkouts about a tenth cheaper.
 *
 * <p>A crawl also pays for the fields after extraction: the record that holds them and its JSON (the JSONL line,
 * whose {@code "fields"} object is longer than the rest of the record on pages with many sections). So each page's
 * record is also serialized ({@code RecordCodec.bytes}), without the fields after the outline alone and with them
 * after the rules: "with JSON" is the rules' own cost as a crawl pays it, the record built and written included.
 *
 * <p>Each page is read as fetched from its own URL when PAGES_DIR holds a {@code urls.txt} (line N: the URL of
 * {@code N.html}), else from one made-up URL: {@code abs:} values are resolved against it, and the resolutions
 * kept across pages are kept by directory. The rules are compiled anew each round, so a round starts with no
 * resolution kept, as a crawl does.
 *
 *   java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC src/bench/java/RulesCost.java PAGES_DIR ROUNDS CHECKOUT...
 *   e.g. for i in $(seq 1 299); do curl -s http://127.0.0.1:19200/p/$i.html >/tmp/pages/$i.html; done
 *        (or the real site's: awk 'NR % 10 == 0' SEEDS >/tmp/pages/urls.txt, and curl -s -o /tmp/pages/N.html each line N)
 *        java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC src/bench/java/RulesCost.java /tmp/pages 15 ../before .
 *
 * (The launcher's flags: C1 only and the serial collector.) The first three rounds are warm-up, not counted.
 */
public class RulesCost {
    private static final List<String> RULES = List.of("heading=h1", "subheading=h2", "h2s[]=h2", "first_para=p",
            "description_meta=meta[name=description]@content", "lang=html@lang", "next=a[rel=next]@abs:href",
            "images[]=img@abs:src", "section_ids[]=section@id", "canonical_link=link[rel=canonical]@abs:href");
    private static final String URL = "http://127.0.0.1/p/1.html";
    private static final int WARM_UP = 3;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Supplier<Object> NO_DOM = () -> {
        throw new IllegalStateException("a page needed the DOM");
    };

    /** One checkout's classes, and the calls this bench makes into them. */
    private static final class Checkout {
        final String name;
        final Method outline;
        final Method outlineWithProbes;
        final Method extract;
        final Method compile;
        final Method builder;
        final Method withTitle;
        final Method withFields;
        final Method build;
        final Method toBuilder;
        final Method bytes;
        final Object rules;
        Object extractor;
        Object probes;
        long sink;

        Checkout(Path dir) throws Exception {
            name = dir.toAbsolutePath().normalize().getFileName().toString();
            List<URL> urls = new ArrayList<>(List.of(dir.resolve("target/classes").toUri().toURL()));
            try (Stream<Path> jars = Files.list(dir.resolve("target/lib"))) {
                for (Path jar : jars.toList()) {
                    urls.add(jar.toUri().toURL());
                }
            }
            ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
            Class<?> override = loader.loadClass("dev.trawl.config.ConfigOverride");
            Object flags = override.getConstructor(String.class, List.class, String.class)
                    .newInstance("extract.fields", RULES, "--field");
            Object config = loader.loadClass("dev.trawl.config.ConfigLoader").getMethod("load", Optional.class, List.class)
                    .invoke(null, Optional.empty(), List.of(flags));
            Object extractConfig = config.getClass().getMethod("extract").invoke(config);
            rules = extractConfig.getClass().getMethod("fields").invoke(extractConfig);
            Class<?> fieldExtractor = loader.loadClass("dev.trawl.extract.FieldExtractor");
            compile = fieldExtractor.getMethod("compile", List.class);
            Class<?> record = loader.loadClass("dev.trawl.sink.CrawlRecord");
            Class<?> recordBuilder = loader.loadClass("dev.trawl.sink.CrawlRecord$Builder");
            builder = record.getMethod("builder", String.class, int.class);
            withTitle = recordBuilder.getMethod("title", Optional.class);
            withFields = recordBuilder.getMethod("fields", Map.class);
            build = recordBuilder.getMethod("build");
            toBuilder = record.getMethod("toBuilder");
            bytes = loader.loadClass("dev.trawl.sink.RecordCodec").getMethod("bytes", record);
            newRound();
            Class<?> outlineClass = loader.loadClass("dev.trawl.parse.Outline");
            outline = outlineClass.getMethod("of", String.class, String.class);
            outlineWithProbes = outlineClass.getMethod("of", String.class, String.class, probes.getClass());
            extract = fieldExtractor.getMethod("extract", String.class, outlineClass, Supplier.class);
            Object probed = outlineClass.getMethod("probed").invoke(outlineWithProbes.invoke(null, "<h1>x</h1>", URL, probes));
            if (((Optional<?>) probed).isEmpty()) {
                throw new IllegalStateException(name + ": the rules are not answered in the outline's pass");
            }
        }

        /** The rules compiled anew: nothing an earlier round kept. */
        void newRound() throws Exception {
            extractor = compile.invoke(null, rules);
            probes = extractor.getClass().getMethod("probes").invoke(extractor);
        }

        /** Whether the outline's pass answers the rules on {@code page} (else a crawl would build its DOM). */
        boolean streams(Page page) throws Exception {
            Object outlined = outlineWithProbes.invoke(null, page.html, page.url, probes);
            return ((Optional<?>) outlined.getClass().getMethod("probed").invoke(outlined)).isPresent();
        }

        /**
         * Adds to {@code into} this thread's CPU nanoseconds for one page: [0] the outline alone, [1] the outline with
         * the rules and their fields, [2] the page's record serialized without fields, [3] with them (the record
         * made from the one without, as a crawl adds the fields to the record its extractor built). The four readings
         * of a page follow each other, so the machine's speed swings (seconds long) hit them alike. Each result is kept alive by its identity hash only: a record's hashCode
         * would walk everything it holds (every tag and attribute of the outline), a cost of this bench, not a crawl's.
         */
        void page(Page page, long[] into) throws Exception {
            page(page, into, THREADS::getCurrentThreadCpuTime);
        }

        /** As {@link #page(Page, long[])}, adding what {@code meter} reads (CPU nanoseconds, or bytes allocated). */
        void page(Page page, long[] into, LongSupplier meter) throws Exception {
            long t0 = meter.getAsLong();
            sink += System.identityHashCode(outline.invoke(null, page.html, page.url)) & 1;
            long t1 = meter.getAsLong();
            Object outlined = outlineWithProbes.invoke(null, page.html, page.url, probes);
            Object fields = extract.invoke(extractor, page.url, outlined, NO_DOM);
            long t2 = meter.getAsLong();
            Object record = build.invoke(withTitle.invoke(builder.invoke(null, page.url, 0), Optional.of(page.url)));
            sink += ((byte[]) bytes.invoke(null, record)).length & 1;
            long t3 = meter.getAsLong();
            sink += ((byte[]) bytes.invoke(null, build.invoke(withFields.invoke(toBuilder.invoke(record), fields)))).length & 1;
            long t4 = meter.getAsLong();
            into[0] += t1 - t0;
            into[1] += t2 - t1;
            into[2] += t3 - t2;
            into[3] += t4 - t3;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: RulesCost PAGES_DIR ROUNDS CHECKOUT...");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        List<String> urls = Files.exists(dir.resolve("urls.txt")) ? Files.readAllLines(dir.resolve("urls.txt")) : List.of();
        List<Page> pages = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).sorted().toList()) {
                String html = Files.readString(file);
                if (html.length() > 1000) { // error pages are not what a crawl spends its time on
                    pages.add(new Page(html, urls.isEmpty() ? URL : urls.get(number(file) - 1)));
                }
            }
        }
        int rounds = Integer.parseInt(args[1]);
        List<Checkout> checkouts = new ArrayList<>();
        for (int k = 2; k < args.length; k++) {
            checkouts.add(new Checkout(Path.of(args[k])));
        }
        List<Page> streamed = new ArrayList<>();
        for (Page page : pages) {
            // a page that needs the DOM costs what jsoup costs: not what this bench measures. Every checkout must
            // stream it, or a checkout that gives up on it would fail mid-run (or the pages lean to the first one)
            boolean everyCheckoutStreams = true;
            for (Checkout checkout : checkouts) {
                everyCheckoutStreams &= checkout.streams(page);
            }
            if (everyCheckoutStreams) {
                streamed.add(page);
            }
        }
        System.out.printf("%d of %d pages answered in the outline's pass by every checkout%n", streamed.size(),
                pages.size());
        if (streamed.isEmpty()) {
            System.err.println("RulesCost: no page is answered in the outline's pass by every checkout: nothing to measure");
            System.exit(1);
        }
        pages = streamed;
        List<List<double[]>> results = new ArrayList<>();
        checkouts.forEach(c -> results.add(new ArrayList<>()));
        for (int round = 0; round < WARM_UP + rounds; round++) {
            long[][] nanos = new long[checkouts.size()][4];
            for (Checkout checkout : checkouts) {
                checkout.newRound();
            }
            int turn = round;
            for (Page page : pages) {
                int first = turn++ % checkouts.size(); // each checkout goes first in turn (see above)
                for (int i = 0; i < checkouts.size(); i++) { // the checkouts page by page, not round by round
                    int k = (first + i) % checkouts.size();
                    checkouts.get(k).page(page, nanos[k]);
                }
            }
            for (int k = 0; k < checkouts.size() && round >= WARM_UP; k++) {
                double[] perPage = new double[4];
                for (int reading = 0; reading < 4; reading++) {
                    perPage[reading] = nanos[k][reading] / 1e3 / pages.size();
                }
                results.get(k).add(perPage);
            }
        }
        System.out.printf("%d pages, %d rounds; us of CPU per page, median (min-max)%n", pages.size(), rounds);
        for (int k = 0; k < checkouts.size(); k++) {
            List<double[]> r = results.get(k);
            double[] alone = r.stream().mapToDouble(x -> x[0]).sorted().toArray();
            double[] rules = r.stream().mapToDouble(x -> x[1]).sorted().toArray();
            double[] extra = r.stream().mapToDouble(x -> x[1] - x[0]).sorted().toArray();
            double[] json = r.stream().mapToDouble(x -> x[2]).sorted().toArray();
            double[] jsonFields = r.stream().mapToDouble(x -> x[3]).sorted().toArray();
            double[] paid = r.stream().mapToDouble(RulesCost::paid).sorted().toArray();
            System.out.printf("  %-20s outline %s   with rules %s   rules' own %s (%+.0f%% of the outline)%n",
                    checkouts.get(k).name, spread(alone), spread(rules), spread(extra),
                    100 * median(extra) / median(alone));
            System.out.printf("  %-20s record's JSON %s   with the fields %s   rules' own with JSON %s%n", "",
                    spread(json), spread(jsonFields), spread(paid));
        }
        // what a crawl's heap sees, which this thread's CPU time leaves out (a collection runs on another thread):
        // the bytes each reading allocates, over one more pass (these calls' reflection allocates alike in each)
        for (Checkout checkout : checkouts) {
            long[] allocated = new long[4];
            for (Page page : pages) {
                checkout.page(page, allocated, RulesCost::allocatedBytes);
            }
            System.out.printf("  %-20s KB allocated a page: outline %.1f   with rules %.1f   record's JSON %.1f   with the"
                    + " fields %.1f%n", checkout.name, allocated[0] / 1024.0 / pages.size(),
                    allocated[1] / 1024.0 / pages.size(), allocated[2] / 1024.0 / pages.size(),
                    allocated[3] / 1024.0 / pages.size());
        }
        for (int k = 1; k < checkouts.size(); k++) {
            System.out.printf("  %-20s against %s, paired by round: outline %s%%   with rules %s%%   rules' own %s%%"
                    + "   the fields' JSON %s%%   with JSON %s%%%n", checkouts.get(k).name, checkouts.getFirst().name,
                    paired(results.get(k), results.getFirst(), x -> x[0]),
                    paired(results.get(k), results.getFirst(), x -> x[1]),
                    paired(results.get(k), results.getFirst(), x -> x[1] - x[0]),
                    paired(results.get(k), results.getFirst(), x -> x[3] - x[2]),
                    paired(results.get(k), results.getFirst(), RulesCost::paid));
        }
    }

    /** The rules' own cost as a crawl pays it: the extra of the outline's pass with them and of the longer JSON. */
    private static double paid(double[] readings) {
        return readings[1] - readings[0] + readings[3] - readings[2];
    }

    /**
     * The change from {@code base} to {@code other}, in percent, round by round, of {@code figure}: a function of a
     * round's readings (the outline alone, with rules, the record's JSON, with the fields), e.g. the rules' own cost.
     */
    private static String paired(List<double[]> other, List<double[]> base, ToDoubleFunction<double[]> figure) {
        double[] change = new double[base.size()];
        for (int r = 0; r < change.length; r++) {
            change[r] = 100 * figure.applyAsDouble(other.get(r)) / figure.applyAsDouble(base.get(r)) - 100;
        }
        Arrays.sort(change);
        return String.format("%+.1f (%+.1f..%+.1f)", median(change), change[0], change[change.length - 1]);
    }

    /** Bytes this thread has allocated so far. */
    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) THREADS).getCurrentThreadAllocatedBytes();
    }

    /** A page's text and the URL it was fetched from. */
    private record Page(String html, String url) {}

    /** N of a file named N.html. */
    private static int number(Path file) {
        String name = file.getFileName().toString();
        return Integer.parseInt(name.substring(0, name.length() - ".html".length()));
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String spread(double[] sorted) {
        return String.format("%.1f (%.1f-%.1f)", median(sorted), sorted[0], sorted[sorted.length - 1]);
    }
}
