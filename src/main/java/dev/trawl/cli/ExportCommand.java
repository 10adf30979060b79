package dev.trawl.cli;

import dev.trawl.config.ConfigException;
import dev.trawl.config.ConfigLoader;
import dev.trawl.config.ConfigOverride;
import dev.trawl.config.CrawlConfig;
import dev.trawl.config.OutputFormat;
import dev.trawl.mode.Reexport;
import dev.trawl.sink.OutputFailedException;
import dev.trawl.sink.Outputs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code trawl export}: writes the records and extraction fields of a past crawl again, from its WARC files,
 * without touching a server: each HTML response is parsed as the crawl would have parsed it.
 */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Write records and extraction fields again from WARC files, without crawling: change the rules, export again.",
            "Reads trawl's WARC files (records exactly as the crawl wrote them, fields from the new rules) or any",
            "tool's WARC 1.0/1.1 responses (then depth is 0 and attempts 1)."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  trawl export --from crawl.warc.gz --config rules.yaml -o pages.csv -o pages.sqlite",
            "  trawl export --from crawl-00000.warc.gz --from crawl-00001.warc.gz --field price=.price -o -"})
public final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--from", paramLabel = "FILE", required = true,
            description = "WARC file to read (repeatable). NAME.warc.gz (or NAME.warc), as given to crawl -o, means NAME-00000.warc.gz, NAME-00001.warc.gz, ...")
    List<Path> from = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config with extract.fields (and output keys).")
    Path config;

    @Option(names = "--field", paramLabel = "NAME=SELECTOR", description = "An extraction field, as for crawl (repeatable).")
    List<String> fields;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", required = true,
            description = "Output file (repeatable): .jsonl, .csv, .sqlite; - is JSONL on standard output.")
    List<String> out;

    @Option(names = "--overwrite", negatable = true, description = "Replace output files that exist (default: refuse).")
    Boolean overwrite;

    @Option(names = "--csv-formula-guard", negatable = true, description = "Guard CSV cells against formulas (default: true).")
    Boolean csvFormulaGuard;

    @Override
    public Integer call() {
        List<ConfigOverride> overrides = new ArrayList<>();
        overrides.add(new ConfigOverride("output.out", out, "--out"));
        if (overwrite != null) {
            overrides.add(new ConfigOverride("output.overwrite", List.of(overwrite.toString()), "--overwrite"));
        }
        if (csvFormulaGuard != null) {
            overrides.add(new ConfigOverride("output.csv-formula-guard", List.of(csvFormulaGuard.toString()),
                    "--csv-formula-guard"));
        }
        if (fields != null) {
            overrides.add(new ConfigOverride("extract.fields", fields, "--field"));
        }
        CrawlConfig settings = ConfigLoader.load(Optional.ofNullable(config), overrides);
        for (Path path : settings.output().outs()) {
            if (OutputFormat.of(path).isWarc()) {
                throw new ConfigException(Optional.empty(), "output.out",
                        "--out: export writes .jsonl, .csv and .sqlite, not WARC (" + path + "); copy the WARC files instead");
            }
        }
        List<Path> files = warcFiles(from);
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter report = settings.output().toStandardOutput() ? err : spec.commandLine().getOut();
        Reexport.Result result;
        try (Outputs outputs = CrawlSession.open(settings)) {
            result = Reexport.run(settings, files, outputs);
        } catch (IOException | OutputFailedException e) {
            err.println("trawl: could not finish the outputs: " + e.getMessage());
            return 1;
        } catch (UncheckedIOException e) {
            err.println("trawl: " + e.getMessage());
            return 1;
        }
        report.printf(Locale.ROOT, "export complete: %,d records (%,d pages parsed again) from %,d WARC files%n",
                result.records(), result.parsed(), files.size());
        for (Path path : settings.output().outs()) {
            report.println("  output     " + (OutputFormat.isStandardOutput(path) ? "standard output" : path.toString()));
        }
        report.flush();
        return 0;
    }

    /** Each path as given, or, for a NAME.warc.gz or NAME.warc that does not exist, the files a crawl wrote for it. */
    static List<Path> warcFiles(List<Path> given) {
        List<Path> files = new ArrayList<>();
        for (Path path : given) {
            if (Files.isRegularFile(path)) {
                files.add(path);
                continue;
            }
            List<Path> parts = Outputs.warcFilesWritten(path);
            if (!parts.isEmpty()) {
                files.addAll(parts);
                continue;
            }
            throw new ConfigException(Optional.empty(), "", "--from: no such WARC file: " + path);
        }
        return files;
    }
}
