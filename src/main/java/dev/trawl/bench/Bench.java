package dev.trawl.bench;

import dev.trawl.launch.TrawlJvm;
import dev.trawl.sim.SiteSpec;
import dev.trawl.stats.CrawlFigures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs a {@link BenchPlan}: starts the sim server as a process of its own (its CPU is not the crawl's),
 * measures the ceilings against it, warms it up with one uncounted crawl, then runs every mode once per
 * round, each crawl a fresh {@code trawl crawl} process timed from outside. Prints a line per run to
 * {@code log}. Not thread-safe; owns the processes it starts and stops them on every path.
 */
public final class Bench {
    private static final Duration SERVER_START = Duration.ofSeconds(60);
    private static final Path GNU_TIME = Path.of("/usr/bin/time");

    private final BenchPlan plan;
    /** The JVM of {@code trawl serve} and each {@code trawl crawl}: this one's, so a crawl starts as a user's would. */
    private final TrawlJvm jvm;
    private final PrintWriter log;

    public Bench(BenchPlan plan, PrintWriter log) {
        this(plan, TrawlJvm.current(), log);
    }

    Bench(BenchPlan plan, TrawlJvm jvm, PrintWriter log) {
        this.plan = plan;
        this.jvm = jvm;
        this.log = log;
    }

    /** Runs the plan; throws with the process's log when a server or crawl fails. */
    public BenchResult run() throws IOException, InterruptedException {
        long start = System.nanoTime();
        Machine machine = Machine.now();
        Path runs = Files.createDirectories(plan.out().resolve("runs"));
        Process server = startServer();
        try {
            SimTarget target = awaitSeeds(server);
            log.printf(Locale.ROOT, "bench %s: %d hosts x %d pages, %s; modes %s, %d round(s); load %s%n",
                    plan.workload(), plan.site().hosts(), plan.site().pagesPerHost(), plan.site().latency().describe(),
                    String.join(",", plan.modes().stream().map(BenchMode::cliName).toList()), plan.repeat(),
                    machine.loadBefore());
            log.flush();
            CeilingMeter meter = new CeilingMeter(target, plan.site().pagesPerHost());
            Ceilings ceilings = measureCeilings(meter);
            List<RunResult> results = new ArrayList<>();
            // warm-up: the server's JIT and page cache; not counted
            crawl(target, server.toHandle(), BenchMode.THREADS, 0, runs);
            log.println("  warm-up crawl done (not counted)");
            log.flush();
            int total = plan.repeat() * plan.modes().size();
            for (int round = 1; round <= plan.repeat(); round++) {
                for (BenchMode mode : plan.order(round)) {
                    RunResult result = crawl(target, server.toHandle(), mode, round, runs);
                    results.add(result);
                    log.printf(Locale.ROOT, "  [%2d/%d] %-12s round %d: %,6d pages in %5.1f s = %,6.0f pages/s"
                                    + " (crawl %,.0f/s, steady %,.0f/s), %.2f CPU s/1k, %,.0f MiB; server %.2f,"
                                    + " others %.2f cores%s%n", results.size(), total,
                            mode.cliName(), round, result.figures().pages(), result.wallSeconds(),
                            result.pagesPerSecond(), result.crawlPagesPerSecond(), result.steadyPagesPerSecond(),
                            result.cpuSecondsPer1000(), result.peakRssMib(), result.serverCores(), result.otherCores(),
                            result.contention().waitedSeconds() > QuietGate.INTERVAL.toNanos() / 1e9
                                    ? String.format(Locale.ROOT, " (after %.1f s waiting for quiet)",
                                            result.contention().waitedSeconds()) : "");
                    log.flush();
                }
            }
            List<RunResult> settled = HostSpeeds.settle(results);
            List<ModeStats> stats = plan.modes().stream()
                    .map(mode -> ModeStats.of(mode, settled.stream().filter(r -> r.mode() == mode).toList()))
                    .toList();
            Machine finished = machine.finished();
            Verdict verdict = Verdict.judge(plan.workload(), stats, ceilings);
            return new BenchResult(plan, finished, ceilings, settled, stats, verdict,
                    (System.nanoTime() - start) / 1e9);
        } finally {
            stop(server);
        }
    }

    private Process startServer() throws IOException {
        List<String> arguments = new ArrayList<>(List.of("serve"));
        arguments.addAll(plan.siteFlags());
        arguments.addAll(List.of("--seeds-file", plan.out().resolve("seeds.txt").toString(), "--until-stdin-closes"));
        Files.deleteIfExists(plan.out().resolve("seeds.txt"));
        return new ProcessBuilder(jvm.withMaxHeap(serverHeapMib(plan.site(), Machine.memoryMib())).command(arguments))
                .redirectErrorStream(true).redirectOutput(plan.out().resolve("server.log").toFile()).start();
    }

    /**
     * The sim server's heap: it renders each page once and keeps it, so a large site needs room for all of it
     * (cpu's 4 x 2,400 pages of 48 KB are 461 MB; the launcher's 192 MiB crawler heap ran out of memory and the
     * server stalled mid-response). Twice the site's bytes, plus room for connections and the rest.
     */
    static long serverHeapMib(SiteSpec site) {
        return 256 + 2 * site.cacheBytes() / (1024 * 1024);
    }

    /**
     * As {@link #serverHeapMib(SiteSpec)}, on a machine of {@code machineMib} MiB: at most half of it, since the
     * crawls (a JVM each, K + 1 in processes mode) and the OS need the rest. A site too large for that is refused
     * before anything starts, rather than a server that the OS kills, or that swaps, mid-bench.
     *
     * @throws IllegalArgumentException naming the site's size, the machine's and the flags that shrink the site
     */
    static long serverHeapMib(SiteSpec site, long machineMib) {
        long heap = serverHeapMib(site);
        if (heap > machineMib / 2) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the simulated web of %,d hosts x %,d pages"
                    + " x %,d bytes needs a %,d MiB heap to hold its pages (twice their size), more than half of this"
                    + " machine's %,d MiB: use fewer --pages or --hosts, or a smaller --page-size", site.hosts(),
                    site.pagesPerHost(), site.pageBytes(), heap, machineMib));
        }
        return heap;
    }

    private SimTarget awaitSeeds(Process server) throws IOException, InterruptedException {
        Path seeds = plan.out().resolve("seeds.txt");
        long deadline = System.nanoTime() + SERVER_START.toNanos();
        while (!Files.exists(seeds)) {
            if (!server.isAlive()) {
                throw new IOException("the sim server exited with " + server.exitValue() + "; its log:\n"
                        + tail(plan.out().resolve("server.log")));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the sim server wrote no seeds within " + SERVER_START.toSeconds() + " s; its log:\n"
                        + tail(plan.out().resolve("server.log")));
            }
            Thread.sleep(50);
        }
        return SimTarget.read(seeds);
    }

    private Ceilings measureCeilings(CeilingMeter meter) throws InterruptedException {
        // Twice what a crawl may have in flight, so a server that answers the crawl's load without adding delay
        // measures well above it (with a latency, capacity can be no more than clients / latency).
        int concurrency = Math.max(16, 2 * plan.effectiveInFlight());
        double server = meter.serverCapacity(concurrency, plan.site().latency().mean());
        double parse = meter.parseRate(plan.cores());
        Ceilings ceilings = new Ceilings(server, concurrency, parse, plan.cores(), plan.effectiveInFlight(),
                plan.site().latency().mean().toNanos() / 1e6);
        log.printf(Locale.ROOT, "  ceilings: server %,.0f pages/s (%d in flight), parse-only %,.0f pages/s (%d cores)%s%n",
                server, concurrency, parse, plan.cores(), ceilings.concurrencyBound()
                        .map(bound -> String.format(Locale.ROOT, ", concurrency %d / %.0f ms = %,.0f pages/s",
                                ceilings.inFlight(), ceilings.meanLatencyMs(), bound)).orElse(""));
        log.flush();
        return ceilings;
    }

    /** One crawl, a fresh process, against {@code server}'s {@code target}; round 0 is the warm-up. */
    private RunResult crawl(SimTarget target, ProcessHandle server, BenchMode mode, int round, Path runs)
            throws IOException, InterruptedException {
        String name = mode.cliName() + "-" + round;
        Path records = runs.resolve(name + ".jsonl");
        Path figuresFile = runs.resolve(name + ".json");
        Path timeFile = runs.resolve(name + ".time");
        Path logFile = runs.resolve(name + ".log");
        for (Path file : List.of(records, figuresFile, timeFile)) {
            Files.deleteIfExists(file);
        }
        int inFlight = plan.inFlightPerProcess(mode);
        List<String> arguments = new ArrayList<>(List.of("crawl", "--seeds", target.seedsFile().toString()));
        arguments.addAll(target.resolveArguments());
        arguments.addAll(mode.crawlArguments());
        arguments.addAll(List.of("--delay", "0", "--per-host", Integer.toString(plan.perHost()),
                "--max-in-flight", Integer.toString(inFlight), "--producers", Integer.toString(inFlight),
                "--consumers", Integer.toString(Math.max(2, plan.cores())), "--queue-capacity", "64",
                "--workers", Integer.toString(plan.workers()), "--worker-mode", "threads",
                "--max-pages", Long.toString(plan.maxPages()), "--max-depth", "1000",
                "--out", records.toString(), "--progress", "off", "--stats-json", figuresFile.toString()));
        // The bench compares scheduling, not politeness: the workloads' deliberately failing pages (503) and a
        // busy machine's slower answers would otherwise widen some hosts' gaps, differently from run to run.
        arguments.add("--no-adaptive");
        // The sim web has no sitemaps: asking each host for /sitemap.xml (a 404) costs it one round trip before its
        // first page (a whole second in io-wide), a politeness cost that is the same in every mode.
        arguments.add("--no-sitemaps");
        List<String> command = new ArrayList<>();
        boolean timed = Files.isExecutable(GNU_TIME);
        if (timed) {
            command.addAll(List.of(GNU_TIME.toString(), "-f", "%U %S", "-o", timeFile.toString()));
        }
        command.addAll(jvm.command(arguments));
        QuietGate.Outcome quiet = round == 0 ? new QuietGate.Outcome(Duration.ZERO, 0, true)
                : new QuietGate(QuietGate.machine(server), plan.quietWait()).await();
        if (!quiet.quiet()) {
            log.printf(Locale.ROOT, "  (other processes still kept %.2f cores busy after %.1f s of waiting for quiet:"
                    + " measuring anyway)%n", quiet.otherCores(), quiet.waited().toNanos() / 1e9);
            log.flush();
        }
        CpuClock before = CpuClock.now(server);
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        double peakRss;
        try (ProcessTreeMeter meter = ProcessTreeMeter.start(process.toHandle(), !timed)) {
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IOException("trawl crawl --mode " + mode.cliName() + " exited with " + exit + "; its log ("
                        + logFile + "):\n" + tail(logFile));
            }
            peakRss = meter.peakMib();
        }
        long end = System.nanoTime();
        double wall = (end - start) / 1e9;
        CrawlFigures figures = CrawlFigures.read(figuresFile);
        double cpu = timed ? cpuSeconds(timeFile) : process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
        Contention measured = CpuClock.now(server).since(before, cpu);
        Contention contention = new Contention(measured.serverCpuSeconds(), measured.otherCpuSeconds(),
                measured.stealSeconds(), quiet.waited().toNanos() / 1e9);
        Files.deleteIfExists(records); // megabytes per run; the figures are what the bench keeps
        return RunResult.builder(mode, round).wallSeconds(wall).cpuSeconds(cpu).peakRssMib(peakRss).figures(figures)
                .contention(contention).speed(MachineSpeed.notMeasured(plan.cores())).build();
    }

    private static double cpuSeconds(Path timeFile) throws IOException {
        List<String> lines = Files.readAllLines(timeFile);
        String last = lines.get(lines.size() - 1).strip();
        String[] fields = last.split("\\s+");
        try {
            return Double.parseDouble(fields[0]) + Double.parseDouble(fields[1]);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new IOException(timeFile + ": not GNU time's '%U %S' output: '" + last + "'", e);
        }
    }

    private static void stop(Process server) throws InterruptedException {
        try {
            server.getOutputStream().close(); // --until-stdin-closes: it stops cleanly
        } catch (IOException e) {
            // already gone
        }
        if (!server.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            server.destroy();
            if (!server.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
