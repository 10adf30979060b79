package dev.trawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.sim.SimWeb;
import dev.trawl.sim.SiteSpec;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: exit codes, messages that say what and where, help with examples. */
class CliTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** As {@link Main#main} runs: the command line made for the first argument. */
    private int run(String... args) {
        return InProcessCli.run(out, err, args);
    }

    @Test
    void everyCommandHasHelpWithExamples() {
        for (String command : new String[] {"crawl", "demo", "serve", "audit"}) {
            out.getBuffer().setLength(0); // each command's help on its own, not the others' examples
            assertThat(run(command, "--help")).isZero();
            assertThat(out.toString()).as("trawl %s --help", command).contains("Examples:", "trawl " + command);
            if (command.equals("crawl")) {
                assertThat(out.toString()).contains("trawl crawl https://example.com/", "--per-host", "--delay");
            }
        }
    }

    @Test
    void aRunBuildsOnlyTheSubcommandItNames() {
        assertThat(Main.commandLine("crawl").getSubcommands()).containsOnlyKeys("crawl");
        assertThat(Main.commandLine("serve").getSubcommands()).containsOnlyKeys("serve");
        for (String first : new String[] {"", "--help", "help", "crawll"}) {
            assertThat(Main.commandLine(first).getSubcommands()).as("for '%s'", first).containsKeys(
                    "crawl", "bench", "export", "audit", "demo", "serve", "train", "help", "worker");
        }
    }

    @Test
    void topLevelHelpListsTheSubcommandsAndAMistypedOneIsSuggested() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("crawl", "bench", "export", "audit", "demo", "serve").doesNotContain("train");

        assertThat(run("crawll")).isEqualTo(2);
        assertThat(err.toString()).contains("crawl");
    }

    @Test
    void versionIsPrinted() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("trawl ");
    }

    @Test
    void unknownConfigKeyNamesTheFileAndTheKeyAndExitsWithTwo() throws Exception {
        Path config = Files.writeString(dir.resolve("my.yaml"), "politeness:\n  dealy: 2s\n");

        int code = run("crawl", "http://127.0.0.1:1/", "--config", config.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains(config.toString(), "politeness.dealy", "politeness.delay");
    }

    @Test
    void badFlagValueNamesTheFlag() {
        assertThat(run("crawl", "http://127.0.0.1:1/", "--delay", "10 sec")).isEqualTo(2);
        assertThat(err.toString()).contains("--delay", "10 sec");
    }

    @Test
    void badSeedLineIsReportedWithFileAndLineAndSkipped() throws Exception {
        try (SimWeb web = SimWeb.start(SiteSpec.defaults().withHosts(1).withPagesPerHost(5).withRedirectLoop(false))) {
            Path seeds = Files.writeString(dir.resolve("seeds.txt"),
                    "# my seeds\n\n" + web.seeds().get(0) + "\nftp://x\n");
            Path outFile = dir.resolve("out.jsonl");

            int code = run("crawl", "--seeds", seeds.toString(), "--out", outFile.toString(), "--delay", "0",
                    "--progress", "off");

            assertThat(code).isZero();
            assertThat(err.toString()).contains(seeds + ":4: not an absolute http(s) URL: 'ftp://x'");
            assertThat(Files.readAllLines(outFile)).hasSize(web.expected().size() + web.disallowed().size());
            assertThat(out.toString()).contains("crawl complete", "pages");
        }
    }

    @Test
    void seedFileWithoutAUsableUrlIsAnError() throws Exception {
        Path seeds = Files.writeString(dir.resolve("seeds.txt"), "# nothing\nnot a url\n");

        assertThat(run("crawl", "--seeds", seeds.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(seeds.toString(), "no usable seed URL");
    }

    @Test
    void noSeedAtAllIsAnError() {
        assertThat(run("crawl")).isEqualTo(2);
        assertThat(err.toString()).contains("no usable seed URL");
    }

    @Test
    void deadSeedHostEndsTheCrawlWithItsCauseAndExitCodeOne() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String seed = "http://127.0.0.1:" + port + "/";
        Path outFile = dir.resolve("out.jsonl");

        int code = run("crawl", seed, "--out", outFile.toString(), "--delay", "0", "--progress", "off");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("no seed host could be reached", "127.0.0.1:" + port, "connect:");
        assertThat(out.toString()).contains("unreachable 1 host: 127.0.0.1:" + port + " (connect: ");
        assertThat(Files.readString(outFile)).contains("\"error\":\"connect\"").doesNotContain("robots_disallowed");
    }

    @Test
    void httpsToAPlainHttpPortIsATlsFailure() throws Exception {
        try (var plain = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            // answers anything, a TLS hello included, the way a plain-http server does: 400 and close
            Thread server = Thread.ofVirtual().start(() -> {
                while (!plain.isClosed()) {
                    try (var client = plain.accept()) {
                        client.getInputStream().read(new byte[512]);
                        client.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n"
                                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    } catch (java.io.IOException closed) {
                        // the test is over, or the client hung up
                    }
                }
            });
            String seed = "https://127.0.0.1:" + plain.getLocalPort() + "/";
            Path outFile = dir.resolve("out.jsonl");

            int code = run("crawl", seed, "--out", outFile.toString(), "--delay", "0", "--progress", "off");

            assertThat(code).isEqualTo(1);
            assertThat(err.toString()).contains("no seed host could be reached", "tls:");
            assertThat(Files.readString(outFile)).contains("\"error\":\"tls\"");
            plain.close();
            server.join();
        }
    }

    @Test
    void sitemapsAreReadByDefaultAndNotWithNoSitemaps() throws Exception {
        try (SimWeb web = SimWeb.start(SiteSpec.defaults().withHosts(1).withPagesPerHost(5).withRedirectLoop(false))) {
            String seed = web.seeds().get(0);
            String sitemap = "http://" + web.origins().get(0) + "/sitemap.xml";

            assertThat(run("crawl", seed, "--out", dir.resolve("a.jsonl").toString(), "--delay", "0", "--progress",
                    "off")).isZero();
            assertThat(web.hits(sitemap)).isEqualTo(1);
            assertThat(run("crawl", seed, "--no-sitemaps", "--out", dir.resolve("b.jsonl").toString(), "--delay",
                    "0", "--progress", "off")).isZero();
            assertThat(web.hits(sitemap)).as("--no-sitemaps asks for none").isEqualTo(1);
        }
    }

    @Test
    void seedTheRulesExcludeIsCrawledWithAWarning() throws Exception {
        try (SimWeb web = SimWeb.start(SiteSpec.defaults().withHosts(1).withPagesPerHost(5).withRedirectLoop(false))) {
            String seed = web.seeds().get(0);
            Path outFile = dir.resolve("out.jsonl");

            int code = run("crawl", seed, "--exclude", ".", "--out", outFile.toString(), "--delay", "0",
                    "--progress", "off");

            assertThat(code).isZero();
            assertThat(err.toString()).contains("warning: seed " + seed + " is excluded by --include/--exclude",
                    "crawled anyway");
            assertThat(Files.readAllLines(outFile)).singleElement().asString().contains("\"status\":200");
        }
    }

    @Test
    void demoCrawlsTheSimulatedWebAndChecksIt() {
        int code = run("demo", "--hosts", "2", "--pages", "60", "--out", dir.resolve("demo.jsonl").toString(),
                "--progress", "off");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("crawl complete", "0 requested more than once",
                "0 robots-disallowed requested");
    }
}
