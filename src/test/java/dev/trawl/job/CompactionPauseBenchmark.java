package dev.trawl.job;

import dev.trawl.config.ConfigLoader;
import dev.trawl.config.ConfigOverride;
import dev.trawl.config.CrawlConfig;
import dev.trawl.frontier.CrawlState;
import dev.trawl.frontier.CrawlUrl;
import dev.trawl.frontier.Transition;
import dev.trawl.sink.CrawlRecord;
import dev.trawl.sink.Sink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * How long a compaction stops the crawl: a job's state is filled with N seen URLs (default 1 million, a
 * tenth of them still to do), then, while a "crawl" thread applies an offer every 100 µs and times each,
 * the job commits with a compaction five times. Prints the longest time a transition waited during those
 * commits (the pause: the state written to the page cache under the lock) and outside them, and what each
 * compacting commit took in all (the snapshot forced and renamed while the crawl goes on).
 *
 * <pre>
 * mvn -q -B test-compile
 * mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -Xmx512m -cp target/classes:target/test-classes:$(cat target/cp.txt) dev.trawl.job.CompactionPauseBenchmark 1000000
 * </pre>
 */
public final class CompactionPauseBenchmark {
    private static final int COMPACTIONS = 5;

    private CompactionPauseBenchmark() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Files.createTempDirectory("trawl-compaction");
        Path out = dir.resolve("out.jsonl");
        CrawlConfig config = ConfigLoader.load(Optional.empty(), List.of(
                ConfigOverride.of("output.out", out.toString()),
                ConfigOverride.of("limits.max-pages", Long.toString(10L * n)),
                ConfigOverride.of("limits.max-depth", "100")));
        String seed = "https://host0.example.org/";
        Job job = Job.open(dir.resolve("job"), config, List.of(seed), false, Compaction.every(1), Optional.empty());
        Sink sink = job.output(() -> Sink.jsonl(out));
        CrawlState state = job.runState().state();
        state.apply(new Transition.Offer(CrawlUrl.of(seed, 0)));
        for (int i = 0; i < n; i++) {
            state.apply(new Transition.Offer(CrawlUrl.of(url(i), 1)));
        }
        for (int i = 0; i < n - n / 10; i++) {
            state.apply(new Transition.Complete(url(i), true, List.of()));
        }
        long start = System.nanoTime();
        job.commit(); // the first compaction, of the journal that built the state
        System.out.printf(Locale.ROOT, "%,d URLs seen, %,d to do; first compacting commit %.0f ms%n",
                state.seen(), state.outstanding(), (System.nanoTime() - start) / 1e6);

        AtomicBoolean committing = new AtomicBoolean();
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong waitDuring = new AtomicLong();
        AtomicLong waitOutside = new AtomicLong();
        Thread crawl = Thread.ofPlatform().name("benchmark-crawl").start(() -> {
            for (int k = 0; !done.get(); k++) {
                boolean during = committing.get();
                long t0 = System.nanoTime();
                state.apply(new Transition.Offer(CrawlUrl.of("https://crawl.example.org/p" + k, 1)));
                long waited = System.nanoTime() - t0;
                (during || committing.get() ? waitDuring : waitOutside).accumulateAndGet(waited, Math::max);
                LockSupport.parkNanos(100_000);
            }
        });
        List<Double> commits = new ArrayList<>();
        for (int i = 0; i < COMPACTIONS; i++) {
            LockSupport.parkNanos(200_000_000L); // some crawl before each commit, and so a journal to fold
            sink.write(CrawlRecord.builder(seed, 0).status(200).build());
            committing.set(true);
            long t0 = System.nanoTime();
            job.commit();
            commits.add((System.nanoTime() - t0) / 1e6);
            committing.set(false);
        }
        done.set(true);
        crawl.join();
        long snapshot = Files.size(dir.resolve("job").resolve("snapshot"));
        System.out.printf(Locale.ROOT, "snapshot %.1f MB; compacting commits %s ms%n", snapshot / 1e6,
                commits.stream().map(ms -> String.format(Locale.ROOT, "%.0f", ms)).toList());
        System.out.printf(Locale.ROOT, "longest wait of a transition: %.1f ms during the compacting commits, %.2f ms"
                + " outside them%n", waitDuring.get() / 1e6, waitOutside.get() / 1e6);
        job.close();
        sink.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static String url(int i) {
        return "https://host" + (i % 997) + ".example.org/section/" + (i / 997) + "/page-" + i + ".html";
    }
}
