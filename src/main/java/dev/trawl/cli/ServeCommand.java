package dev.trawl.cli;

import dev.trawl.sim.SimWeb;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
            "  trawl crawl http://127.0.0.1:8080/ --delay 0 --per-host 8     (in another terminal)"})
public final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SiteOptions site = new SiteOptions();

    @Override
    public Integer call() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        try (SimWeb web = SimWeb.start(site.spec())) {
            var out = spec.commandLine().getOut();
            out.println(web.describe());
            out.println("seeds (one per host):");
            web.seeds().forEach(seed -> out.println("  " + seed));
            out.println("Ctrl-C to stop.");
            out.flush();
            try (Signals.Registration ignored = Signals.onStop(stopped::countDown, spec.commandLine().getErr())) {
                stopped.await();
            }
            out.printf("served %,d requests%n", web.totalRequests());
        }
        return 0;
    }
}
