package dev.trawl.cli;

import dev.trawl.sim.SimWeb;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code trawl serve}: serves the simulated web on loopback until Ctrl-C. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Serve a generated, deterministic multi-host site on 127.0.0.1, for demos, tests and benchmarks.",
            "Each host is its own port; pages link within and across hosts; robots.txt disallows /private/;",
            "a few links are broken (404) or redirect (301), and /loop/a redirects in a circle."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  trawl serve                                   4 hosts x 250 pages on ephemeral ports",
            "  trawl serve --hosts 1 --pages 1200 --latency 50ms --port 8080",
            "  trawl serve --workload io --seeds-file io-seeds.txt    the io workload of trawl bench",
            "  trawl crawl http://127.0.0.1:8080/ --delay 0 --per-host 8     (in another terminal)"})
public final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SiteOptions site = new SiteOptions();

    @Option(names = "--seeds-file", paramLabel = "FILE",
            description = "Once serving, write the seeds there (a trawl seed file; its first line names the"
                    + " --resolve rules the hosts need), e.g. for trawl crawl --seeds FILE.")
    Path seedsFile;

    @Option(names = "--until-stdin-closes", hidden = true,
            description = "Also stop when standard input ends (a parent process that started this server went away).")
    boolean untilStdinCloses;

    @Override
    public Integer call() throws InterruptedException, IOException {
        CountDownLatch stopped = new CountDownLatch(1);
        try (SimWeb web = SimWeb.start(site.spec())) {
            var out = spec.commandLine().getOut();
            out.println(web.describe());
            out.println("seeds (one per host):");
            web.seeds().forEach(seed -> out.println("  " + seed));
            out.println("Ctrl-C to stop.");
            out.flush();
            if (seedsFile != null) {
                writeSeeds(web, seedsFile);
            }
            if (untilStdinCloses) {
                Thread.ofPlatform().daemon().name("trawl-serve-stdin").start(() -> {
                    try {
                        System.in.transferTo(OutputStream.nullOutputStream());
                    } catch (IOException e) {
                        // stdin is gone either way
                    }
                    stopped.countDown();
                });
            }
            try (Signals.Registration ignored = Signals.onStop(stopped::countDown, spec.commandLine().getErr())) {
                stopped.await();
            }
            out.printf("served %,d requests%n", web.totalRequests());
        }
        return 0;
    }

    /** Writes the seed file whole, under a temporary name first, so a reader never sees half of it. */
    private static void writeSeeds(SimWeb web, Path file) throws IOException {
        StringBuilder text = new StringBuilder("# resolve: ").append(String.join(" ", web.resolveRules())).append('\n');
        web.seeds().forEach(seed -> text.append(seed).append('\n'));
        Path absolute = file.toAbsolutePath();
        Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        Files.writeString(temporary, text);
        Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
