package dev.trawl.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link BenchResult} into its directory: {@code results.json} (everything), {@code results.csv}
 * (one row per run), the charts as PNG, and {@code report.html}, one self-contained page with the charts
 * embedded that opens offline. Also renders the terminal table. Stateless.
 */
public final class Report {
    /** The CSV's columns, one per figure of a run. */
    static final List<String> CSV_COLUMNS = List.of("workload", "mode", "repeat", "pages", "wall_s", "pages_per_s",
            "crawl_pages_per_s", "steady_pages_per_s", "mb_per_s", "cpu_s", "cpu_s_per_1000", "peak_rss_mib", "gc_ms",
            "p50_ms", "p95_ms", "p99_ms", "startup_s", "peak_threads", "pipe_messages", "pipe_bytes", "server_cpu_s",
            "other_cpu_s", "steal_s", "quiet_wait_s", "host_speed", "server_speed", "crawl_cost_speed", "adjusted_pages_per_s",
            "adjusted_cpu_s_per_1000");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Report() {}

    /** Writes every file; returns the files written. */
    public static List<Path> write(BenchResult result) throws IOException {
        Path dir = Files.createDirectories(result.plan().out());
        Path json = dir.resolve("results.json");
        JSON.writeValue(json.toFile(), json(result));
        Path csv = Files.writeString(dir.resolve("results.csv"), csv(result), StandardCharsets.UTF_8);
        Map<String, byte[]> charts = Charts.draw(result);
        for (Map.Entry<String, byte[]> chart : charts.entrySet()) {
            Files.write(dir.resolve(chart.getKey()), chart.getValue());
        }
        Path html = Files.writeString(dir.resolve("report.html"), html(result, charts), StandardCharsets.UTF_8);
        return List.of(json, csv, html);
    }

    static ObjectNode json(BenchResult result) {
        BenchPlan plan = result.plan();
        ObjectNode root = JSON.createObjectNode();
        root.put("workload", plan.workload());
        ObjectNode params = root.putObject("params");
        params.put("hosts", plan.site().hosts()).put("pages_per_host", plan.site().pagesPerHost())
                .put("page_bytes", plan.site().pageBytes()).put("markup_density", plan.site().markupDensity())
                .put("latency", plan.site().latency().describe())
                .put("mean_latency_ms", plan.site().latency().mean().toNanos() / 1e6)
                .put("error_rate", plan.site().errorRate()).put("seed", plan.site().seed())
                .put("max_pages", plan.maxPages()).put("per_host", plan.perHost()).put("max_in_flight", plan.maxInFlight())
                .put("workers", plan.workers()).put("repeat", plan.repeat())
                .put("quiet_wait_s", plan.quietWait().toNanos() / 1e9);
        ArrayNode modeNames = params.putArray("modes");
        plan.modes().forEach(mode -> modeNames.add(mode.cliName()));
        plan.siteFlags().forEach(params.putArray("serve_flags")::add);
        root.set("machine", JSON.valueToTree(result.machine()));
        root.put("seconds", result.seconds());
        ArrayNode runs = root.putArray("runs");
        for (RunResult run : result.runs()) {
            ObjectNode node = runs.addObject();
            List<Object> values = row(plan.workload(), run);
            for (int i = 1; i < CSV_COLUMNS.size(); i++) {
                node.putPOJO(CSV_COLUMNS.get(i), values.get(i));
            }
        }
        ObjectNode modes = root.putObject("modes");
        for (ModeStats stats : result.stats()) {
            modes.set(stats.mode().cliName(), JSON.valueToTree(stats));
        }
        Ceilings ceilings = result.ceilings();
        ObjectNode ceilingNode = root.putObject("ceilings");
        ceilingNode.put("server_pages_per_s", ceilings.serverPagesPerSecond())
                .put("server_concurrency", ceilings.serverConcurrency())
                .put("parse_pages_per_s", ceilings.parsePagesPerSecond()).put("cores", ceilings.cores())
                .put("in_flight", ceilings.inFlight()).put("mean_latency_ms", ceilings.meanLatencyMs());
        ceilings.concurrencyBound().ifPresent(bound -> ceilingNode.put("concurrency_bound_pages_per_s", bound));
        ceilingNode.put("binding", ceilings.describe(ceilings.binding()));
        root.put("verdict", result.verdict().text());
        ObjectNode detail = root.putObject("verdict_detail");
        detail.put("winner", result.verdict().winner().cliName()).put("margin_pct", result.verdict().marginPct());
        result.verdict().tie().forEach(mode -> detail.withArray("tie").add(mode.cliName()));
        ObjectNode bounds = detail.putObject("bounds");
        result.verdict().bounds().forEach((mode, why) -> bounds.put(mode.cliName(), why));
        result.verdict().warnings().forEach(detail.putArray("warnings")::add);
        return root;
    }

    static String csv(BenchResult result) {
        StringBuilder csv = new StringBuilder(String.join(",", CSV_COLUMNS)).append('\n');
        for (RunResult run : result.runs()) {
            csv.append(String.join(",", row(result.plan().workload(), run).stream().map(Report::cell).toList())).append('\n');
        }
        return csv.toString();
    }

    private static List<Object> row(String workload, RunResult run) {
        var f = run.figures();
        return List.of(workload, run.mode().cliName(), run.repeat(), f.pages(), round(run.wallSeconds(), 3),
                round(run.pagesPerSecond(), 1), round(run.crawlPagesPerSecond(), 1), round(run.steadyPagesPerSecond(), 1),
                round(run.megabytesPerSecond(), 3),
                round(run.cpuSeconds(), 2), round(run.cpuSecondsPer1000(), 3), round(run.peakRssMib(), 1), f.gcMs(),
                f.p50Ms(), f.p95Ms(), f.p99Ms(), round(run.startupSeconds(), 3), f.peakThreads(),
                f.extra().getOrDefault("pipe_messages", 0L), f.extra().getOrDefault("pipe_bytes", 0L),
                round(run.contention().serverCpuSeconds(), 2), round(run.contention().otherCpuSeconds(), 2),
                round(run.contention().stealSeconds(), 2), round(run.contention().waitedSeconds(), 1),
                round(run.speed().factor(), 3), round(run.speed().server(), 3), round(run.speed().crawl(), 3),
                round(run.adjustedPagesPerSecond(), 1),
                round(run.adjustedCpuSecondsPer1000(), 3));
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    private static String cell(Object value) {
        String text = String.valueOf(value);
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    /** The table for a terminal: one row per mode, medians with their spread. */
    public static String table(BenchResult result) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-12s %18s %7s %9s %7s %10s %7s %6s %9s %8s %6s %16s %8s %8s %7s %9s %7s %10s %11s%n",
                "mode", "pages/s (min-max)", "spread", "crawl p/s", "spread", "steady p/s", "spread", "MB/s", "CPU s/1k",
                "RSS MiB", "GC ms", "p50/p95/p99 ms", "start s", "threads", "others", "adj p/s", "spread",
                "adj CPU/1k", "host speed"));
        for (ModeStats s : result.stats()) {
            out.append(String.format(Locale.ROOT,
                    "%-12s %6.0f (%4.0f-%4.0f) %6.1f%% %9.0f %6.1f%% %10.0f %6.1f%% %6.2f %9.2f %8.0f %6.0f %16s %8.2f %8.0f %7.2f %9s %7s %10s %11s%n",
                    s.mode().cliName(), s.pagesPerSecond().median(), s.pagesPerSecond().min(), s.pagesPerSecond().max(),
                    100 * s.pagesPerSecond().relative(), s.crawlPagesPerSecond().median(),
                    100 * s.crawlPagesPerSecond().relative(), s.steadyPagesPerSecond().median(),
                    100 * s.steadyPagesPerSecond().relative(), s.megabytesPerSecond().median(),
                    s.cpuPer1000().median(), s.peakRssMib().median(), s.gcMs().median(),
                    String.format(Locale.ROOT, "%.0f/%.0f/%.0f", s.p50Ms().median(), s.p95Ms().median(), s.p99Ms().median()),
                    s.startupSeconds().median(), s.peakThreads().median(), s.otherCores().median(),
                    s.speedMeasured() ? String.format(Locale.ROOT, "%.0f", s.adjustedPagesPerSecond().median()) : "-",
                    s.speedMeasured() ? String.format(Locale.ROOT, "%.1f%%", 100 * s.adjustedPagesPerSecond().relative()) : "-",
                    s.speedMeasured() ? String.format(Locale.ROOT, "%.2f", s.adjustedCpuPer1000().median()) : "-",
                    s.speedMeasured() ? String.format(Locale.ROOT, "%.2f-%.2fx", s.hostSpeed().min(), s.hostSpeed().max()) : "-"));
            if (s.mode() == BenchMode.PROCESSES) {
                out.append(String.format(Locale.ROOT, "%-12s pipe: %,.0f messages, %.1f MiB per crawl%n", "",
                        s.pipeMessages().median(), s.pipeMib().median()));
            }
        }
        Ceilings c = result.ceilings();
        out.append(String.format(Locale.ROOT, "ceilings: server %,.0f pages/s, parse-only %,.0f pages/s on %d cores%s; binding: %s%n",
                c.serverPagesPerSecond(), c.parsePagesPerSecond(), c.cores(),
                c.concurrencyBound().map(b -> String.format(Locale.ROOT, ", concurrency %d / %.0f ms = %,.0f pages/s",
                        c.inFlight(), c.meanLatencyMs(), b)).orElse(""), c.describe(c.binding())));
        return out.toString();
    }

    static String html(BenchResult result, Map<String, byte[]> charts) {
        BenchPlan plan = result.plan();
        StringBuilder html = new StringBuilder();
        html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>trawl bench: ")
                .append(escape(plan.workload())).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}")
                .append("table{border-collapse:collapse;font-variant-numeric:tabular-nums}")
                .append("td,th{border-bottom:1px solid #ddd;padding:.25rem .6rem;text-align:right}")
                .append("td:first-child,th:first-child{text-align:left}pre{background:#f6f6f6;padding:1rem;white-space:pre-wrap}")
                .append("img{max-width:100%;margin:1rem 0}</style></head><body>\n");
        html.append("<h1>trawl bench: ").append(escape(plan.workload())).append("</h1>\n");
        html.append("<h2>Verdict</h2><pre>").append(escape(result.verdict().text())).append("</pre>\n");
        html.append("<h2>Figures per mode</h2><p>Medians over ").append(plan.repeat())
                .append(" run(s) per mode, each a fresh <code>trawl crawl</code> process (JVM start included), modes"
                        + " interleaved round-robin. CPU and RSS are the crawl's whole process tree. Crawl pages/s leaves"
                        + " out JVM start-up; steady pages/s is the rate while the middle 80% of the pages were written"
                        + " (no start-up, ramp or tail), the one held against the ceilings. Server and others' cores:"
                        + " what the sim server and every other process on the machine kept busy meanwhile. Host speed: how"
                        + " fast the host's cores ran during a run, against their median over the same mode's runs (as"
                        + " the sim server's CPU per page saw it; a virtual machine's cores change speed with the host's"
                        + " other tenants), and pages/s at the typical host"
                        + " speed, which the verdict compares.</p>\n<table><tr>");
        for (String head : List.of("mode", "pages/s", "min", "max", "spread", "crawl pages/s", "steady pages/s", "MB/s",
                "CPU s / 1k pages", "peak RSS MiB", "GC ms", "p50 ms", "p95 ms", "p99 ms", "start-up s", "threads",
                "pipe MiB", "server cores", "others' cores", "pages/s at typical host speed", "spread", "CPU s / 1k pages at typical host speed",
                "host speed")) {
            html.append("<th>").append(escape(head)).append("</th>");
        }
        html.append("</tr>\n");
        for (ModeStats s : result.stats()) {
            html.append("<tr><td>").append(s.mode().cliName()).append("</td>");
            cells(html, "%.0f", s.pagesPerSecond().median(), s.pagesPerSecond().min(), s.pagesPerSecond().max());
            cells(html, "%.1f%%", 100 * s.pagesPerSecond().relative());
            cells(html, "%.0f", s.crawlPagesPerSecond().median(), s.steadyPagesPerSecond().median());
            cells(html, "%.2f", s.megabytesPerSecond().median(), s.cpuPer1000().median());
            cells(html, "%.0f", s.peakRssMib().median(), s.gcMs().median(), s.p50Ms().median(), s.p95Ms().median(),
                    s.p99Ms().median());
            cells(html, "%.2f", s.startupSeconds().median());
            cells(html, "%.0f", s.peakThreads().median());
            cells(html, "%.1f", s.pipeMib().median());
            cells(html, "%.2f", s.serverCores().median(), s.otherCores().median());
            cells(html, "%.0f", s.adjustedPagesPerSecond().median());
            cells(html, "%.1f%%", 100 * s.adjustedPagesPerSecond().relative());
            cells(html, "%.2f", s.adjustedCpuPer1000().median());
            html.append("<td>").append(String.format(Locale.ROOT, "%.2f-%.2fx", s.hostSpeed().min(), s.hostSpeed().max()))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n<h2>Ceilings (measured in this run)</h2><pre>").append(escape(table(result).lines()
                .filter(line -> line.startsWith("ceilings")).findFirst().orElse(""))).append("</pre>\n");
        html.append("<h2>Charts</h2>\n");
        charts.forEach((name, png) -> html.append("<img alt=\"").append(escape(name)).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\">\n"));
        html.append("<h2>Every run</h2><table><tr>");
        CSV_COLUMNS.forEach(column -> html.append("<th>").append(escape(column)).append("</th>"));
        html.append("</tr>\n");
        for (RunResult run : result.runs()) {
            html.append("<tr>");
            row(plan.workload(), run).forEach(value -> html.append("<td>").append(escape(String.valueOf(value))).append("</td>"));
            html.append("</tr>\n");
        }
        html.append("</table>\n<h2>Parameters and machine</h2><pre>");
        html.append(escape(json(result).get("params").toPrettyString())).append('\n');
        html.append(escape(JSON.valueToTree(result.machine()).toPrettyString()));
        html.append(String.format(Locale.ROOT, "%nthe whole bench took %.0f s", result.seconds()));
        html.append("</pre></body></html>\n");
        return html.toString();
    }

    private static void cells(StringBuilder html, String format, double... values) {
        for (double value : values) {
            html.append("<td>").append(String.format(Locale.ROOT, format, value)).append("</td>");
        }
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
