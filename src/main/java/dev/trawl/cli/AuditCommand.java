package dev.trawl.cli;

import dev.trawl.audit.AuditEvent;
import dev.trawl.audit.AuditInputException;
import dev.trawl.audit.AuditLog;
import dev.trawl.audit.AuditPolicy;
import dev.trawl.audit.AuditReport;
import dev.trawl.audit.PolitenessAudit;
import dev.trawl.audit.Violation;
import dev.trawl.config.ConfigLoader;
import dev.trawl.config.ConfigOverride;
import dev.trawl.config.CrawlConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trawl audit}: replays a crawl's politeness facts through {@link PolitenessAudit} and says whether
 * every request kept the delay, Crawl-delay, Retry-After and per-host cap it owed its host: a table of the
 * hosts, worst first, then the verdict. Exit 0 when polite, 1 on any violation, 2 on bad input, so that CI can
 * run it.
 */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Check that a crawl was polite: every request kept the delay, Crawl-delay, Retry-After and per-host cap",
            "it owed its host. Exit code 0 when it did, 1 on any violation, 2 on bad input."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  trawl audit --job jobs/docs                      a --job's audit log (DIR/" + CrawlSession.JOB_AUDIT_LOG + ")",
            "  trawl audit --log audit.jsonl                    what crawl --audit-log FILE wrote",
            "  trawl audit --jsonl pages.jsonl --delay 1s --per-host 2",
            "                                                   the records alone: delay and cap only"})
public final class AuditCommand implements Callable<Integer> {
    /** Exit code: a request broke a promise. */
    static final int IMPOLITE = 1;
    /** Exit code: the input could not be read. */
    static final int BAD_INPUT = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--job", paramLabel = "DIR", description = "A --job directory: audits its audit log.")
    Path job;

    @Option(names = "--log", paramLabel = "FILE", description = "An audit log, as crawl --audit-log FILE wrote it.")
    Path log;

    @Option(names = "--jsonl", paramLabel = "FILE",
            description = "A crawl's JSON Lines output: checks only the delay and the per-host cap, on each record's"
                    + " fetched_at and elapsed_ms (robots.txt, sitemaps, retried attempts, Crawl-delay and Retry-After"
                    + " are not in it).")
    Path jsonl;

    @Option(names = "--config", paramLabel = "FILE", description = "With --jsonl: the crawl's config, for its delay and cap.")
    Path config;

    @Option(names = "--delay", paramLabel = "DURATION", description = "With --jsonl: the delay the crawl kept (default: the config's).")
    String delay;

    @Option(names = "--per-host", paramLabel = "N", description = "With --jsonl: the per-host cap (default: the config's).")
    String perHost;

    @Option(names = "--hosts", paramLabel = "N", defaultValue = "20",
            description = "Hosts listed, worst first (default: ${DEFAULT-VALUE}, at most 20).")
    int hosts;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long sources = java.util.stream.Stream.of(job, log, jsonl).filter(java.util.Objects::nonNull).count();
        if (sources != 1) {
            err.println("trawl: audit needs one of --job DIR, --log FILE or --jsonl FILE");
            return BAD_INPUT;
        }
        if (jsonl == null && (config != null || delay != null || perHost != null)) {
            err.println("trawl: --config, --delay and --per-host go with --jsonl; an audit log carries its crawl's policy");
            return BAD_INPUT;
        }
        AuditReport report;
        try {
            report = jsonl != null ? auditJsonl(out) : auditLog(out, job != null ? jobLog(job) : log);
        } catch (AuditInputException e) {
            err.println("trawl: " + e.getMessage());
            return BAD_INPUT;
        }
        table(out, report);
        out.println(report.verdict());
        if (!report.polite()) {
            long shown = report.firstViolations().size();
            out.printf(Locale.ROOT, "violations%s:%n", shown < report.violations()
                    ? String.format(Locale.ROOT, " (the first %d of %,d)", shown, report.violations()) : "");
            report.firstViolations().forEach(v -> out.println("  " + v.kind().name().toLowerCase(Locale.ROOT)
                    .replace('_', '-') + "  " + v.render()));
        }
        out.flush();
        return report.polite() ? 0 : IMPOLITE;
    }

    private static Path jobLog(Path dir) {
        Path file = dir.resolve(CrawlSession.JOB_AUDIT_LOG);
        if (!Files.isRegularFile(file)) {
            throw new AuditInputException("job " + dir + " has no audit log (" + file + "): not a job directory, or"
                    + " crawled by a trawl older than the audit");
        }
        return file;
    }

    private AuditReport auditLog(PrintWriter out, Path file) {
        List<PolitenessAudit> audit = new ArrayList<>(1);
        long[] starts = {0};
        long[] orphaning = {0};
        AuditLog.Replayed replayed = AuditLog.replay(file, event -> {
            if (event instanceof AuditEvent.Start start) {
                starts[0]++;
                if (audit.isEmpty()) {
                    audit.add(new PolitenessAudit(start.policy()));
                }
            } else if (event instanceof AuditEvent.Orphaned) {
                orphaning[0]++; // a processes-mode child gone with requests in flight; a restart sends no start of its own
            }
            audit.getFirst().accept(event);
        });
        if (audit.isEmpty()) {
            throw new AuditInputException(file + ": empty audit log: no fact at all");
        }
        out.printf(Locale.ROOT, "audit of %s: %,d facts from %,d crawling process%s%s%s%n", file, replayed.facts(),
                starts[0], starts[0] == 1 ? "" : "es", orphaning[0] == 0 ? "" : String.format(Locale.ROOT,
                        " (%,d processes-mode child exit%s left requests in flight, counted as ended)", orphaning[0],
                        orphaning[0] == 1 ? "" : "s"), replayed.tornTail()
                        ? "; its last line was cut short (a crawl killed mid-write) and left out" : "");
        return audit.getFirst().report();
    }

    private AuditReport auditJsonl(PrintWriter out) {
        List<ConfigOverride> overrides = new ArrayList<>();
        CrawlOptions.add(overrides, "politeness.delay", "--delay", delay);
        CrawlOptions.add(overrides, "politeness.per-host", "--per-host", perHost);
        CrawlConfig settings = ConfigLoader.load(Optional.ofNullable(config), overrides);
        AuditPolicy policy = AuditPolicy.of(settings.politeness());
        PolitenessAudit audit = new PolitenessAudit(policy);
        JsonlRequests.Replayed replayed = JsonlRequests.replay(jsonl, audit::accept);
        out.printf(Locale.ROOT, "audit of %s: %,d records, %,d of them requests%n", jsonl, replayed.records(),
                replayed.requests());
        out.printf(Locale.ROOT, "JSONL only: checked politeness.delay (%s) and politeness.per-host (%d) on each record's"
                + " fetched_at and elapsed_ms.%nNot in the records, so not checked: robots.txt and sitemap requests, the"
                + " earlier attempts of retried URLs, Crawl-delay, Retry-After. An audit log has them all (crawl --job"
                + " DIR, or --audit-log FILE).%n", AuditReport.millis(settings.politeness().delay()), policy.perHost());
        return audit.report();
    }

    /** The hosts, worst first: requests, tightest gap against what was required, peak in flight, violations. */
    private void table(PrintWriter out, AuditReport report) {
        List<AuditReport.HostRow> rows = report.worstHosts().stream().limit(Math.max(0, hosts)).toList();
        if (rows.isEmpty()) {
            return;
        }
        int width = Math.max(4, rows.stream().mapToInt(r -> r.host().length()).max().orElse(4));
        String format = "%-" + width + "s  %9s  %-28s  %9s  %10s%n";
        out.printf(Locale.ROOT, format, "host", "requests", "tightest gap (required)", "in flight", "violations");
        for (AuditReport.HostRow row : rows) {
            out.printf(Locale.ROOT, format, row.host(), String.format(Locale.ROOT, "%,d", row.requests()),
                    row.tightest().map(g -> AuditReport.millis(g.gap()) + " (" + AuditReport.millis(g.required()) + ")").orElse("-"),
                    row.peakInFlight() + " / " + report.policy().perHost(),
                    String.format(Locale.ROOT, "%,d", row.violations()));
        }
        if (report.hosts() > rows.size()) {
            out.printf(Locale.ROOT, "… and %,d more host%s%n", report.hosts() - rows.size(),
                    report.hosts() - rows.size() == 1 ? "" : "s");
        }
    }
}
