package dev.trawl.frontier;

import java.util.Locale;

/**
 * The seen-set's cost: offers N synthetic URLs (default 10 million) to a {@link SeenTable} and prints the
 * heap it holds and the time per million. Run it with a heap cap to check the documented bound:
 *
 * <pre>
 * mvn -q -B test-compile
 * java -Xmx320m -cp target/classes:target/test-classes dev.trawl.frontier.SeenSetBenchmark 10000000
 * </pre>
 */
public final class SeenSetBenchmark {
    private SeenSetBenchmark() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long before = runtime.totalMemory() - runtime.freeMemory();
        SeenTable seen = new SeenTable();
        long start = System.nanoTime();
        long duplicates = 0;
        for (int i = 0; i < n; i++) {
            String url = "https://host" + (i % 997) + ".example.org/section/" + (i / 997) + "/page-" + i + ".html";
            long fingerprint = Fingerprint.of(url);
            if (seen.find(fingerprint) == SeenTable.MISSING) {
                seen.add(fingerprint, i % 7, (byte) 1);
            } else {
                duplicates++;
            }
        }
        long elapsed = System.nanoTime() - start;
        long lookups = System.nanoTime();
        for (int i = 0; i < n; i++) {
            String url = "https://host" + (i % 997) + ".example.org/section/" + (i / 997) + "/page-" + i + ".html";
            if (seen.find(Fingerprint.of(url)) == SeenTable.MISSING) {
                throw new AssertionError("lost " + url);
            }
        }
        long lookupElapsed = System.nanoTime() - lookups;
        System.gc();
        long after = runtime.totalMemory() - runtime.freeMemory();
        System.out.printf(Locale.ROOT, "%,d URLs: %,d in the set, %d fingerprint collisions%n", n, seen.size(), duplicates);
        System.out.printf(Locale.ROOT, "table arrays %.1f MB (%.1f bytes/URL); heap held %.1f MB; max heap %.0f MB%n",
                seen.bytes() / 1e6, seen.bytes() / (double) n, (after - before) / 1e6, runtime.maxMemory() / 1e6);
        System.out.printf(Locale.ROOT, "insert %.0f ms per million URLs (fingerprint included); lookup %.0f ms per million%n",
                elapsed / 1e6 / (n / 1e6), lookupElapsed / 1e6 / (n / 1e6));
    }
}
