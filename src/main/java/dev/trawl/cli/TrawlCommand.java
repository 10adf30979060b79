package dev.trawl.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** {@code trawl}: the top-level command, which only dispatches to its subcommands (added by {@link Main}). */
@Command(
        name = "trawl",
        mixinStandardHelpOptions = true,
        versionProvider = TrawlCommand.Version.class,
        description = "A polite, fast web crawler that shows which concurrency mode wins, and why.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  trawl demo                                   crawl the built-in simulated web",
            "  trawl crawl https://example.com/ --max-pages 100 --out pages.jsonl",
            "  trawl crawl --seeds seeds/docs.txt --config config/polite.yaml",
            "  trawl crawl https://example.com/ -o pages.csv -o pages.sqlite -o pages.warc.gz --field h1=h1",
            "  trawl export --from pages.warc.gz --config rules.yaml -o again.csv",
            "  trawl audit --job jobs/docs                  check that the crawl was polite (exit 1 if not)",
            "  trawl serve --hosts 8 --pages 500            serve a generated site on loopback",
            "  trawl bench --workload io                    compare the four modes, with a verdict and charts",
            "",
            "Exit codes: 0 ok, 1 the run failed, 2 bad usage or config, 130 stopped by Ctrl-C."})
public final class TrawlCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version from the jar's manifest ("dev" when run from classes). */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = TrawlCommand.class.getPackage().getImplementationVersion();
            return new String[] {"trawl " + (version == null ? "dev" : version) + " (Java " + Runtime.version() + ")"};
        }
    }
}
