package dev.trawl.bench;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The bench's charts as PNG bytes, drawn headless with XChart: throughput with its spread, CPU per page,
 * memory, latency percentiles, and pages over time. One colour per mode, the same in every chart.
 * Stateless.
 */
final class Charts {
    static final int WIDTH = 800;
    static final int HEIGHT = 450;
    private static final Map<BenchMode, Color> COLOURS = Map.of(
            BenchMode.THREADS, new Color(0x1f77b4), BenchMode.ASYNC, new Color(0xff7f0e),
            BenchMode.ASYNC_OKHTTP, new Color(0x9467bd), BenchMode.VIRTUAL, new Color(0x2ca02c),
            BenchMode.PROCESSES, new Color(0xd62728));

    private Charts() {}

    /** File name → PNG bytes, in the order the report shows them. */
    static Map<String, byte[]> draw(BenchResult result) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Map<String, byte[]> charts = new LinkedHashMap<>();
        String workload = result.plan().workload();
        charts.put("throughput.png", png(bars(workload + ": pages per second (whole process; bars: min..max)",
                "pages/s", result.stats(), ModeStats::pagesPerSecond)));
        charts.put("cpu.png", png(bars(workload + ": CPU seconds per 1,000 pages (process tree)", "CPU s",
                result.stats(), ModeStats::cpuPer1000)));
        charts.put("memory.png", png(bars(workload + ": peak RSS of the process tree", "MiB", result.stats(),
                ModeStats::peakRssMib)));
        charts.put("latency.png", png(latency(workload, result.stats())));
        charts.put("timeline.png", png(timeline(workload, result)));
        return charts;
    }

    private static CategoryChart bars(String title, String unit, List<ModeStats> stats,
            Function<ModeStats, Spread> figure) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(unit).build();
        style(chart);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setErrorBarsColor(Color.DARK_GRAY);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setDecimalPattern("#,##0.##");
        List<String> modes = stats.stream().map(s -> s.mode().cliName()).toList();
        List<Double> medians = stats.stream().map(s -> figure.apply(s).median()).toList();
        List<Double> errors = stats.stream().map(s -> (figure.apply(s).max() - figure.apply(s).min()) / 2).toList();
        chart.addSeries("median", modes, medians, errors);
        chart.getStyler().setSeriesColors(new Color[] {new Color(0x4c72b0)});
        return chart;
    }

    private static CategoryChart latency(String workload, List<ModeStats> stats) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title(workload + ": fetch latency percentiles (median over runs)").yAxisTitle("ms").build();
        style(chart);
        List<String> modes = stats.stream().map(s -> s.mode().cliName()).toList();
        chart.addSeries("p50", modes, stats.stream().map(s -> s.p50Ms().median()).toList());
        chart.addSeries("p95", modes, stats.stream().map(s -> s.p95Ms().median()).toList());
        chart.addSeries("p99", modes, stats.stream().map(s -> s.p99Ms().median()).toList());
        chart.getStyler().setSeriesColors(new Color[] {new Color(0x8fbbd9), new Color(0x4c72b0), new Color(0x1b3a66)});
        return chart;
    }

    /** Each mode's median run (by pages/s): pages written against seconds since its JVM started. */
    private static XYChart timeline(String workload, BenchResult result) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(workload + ": pages over time, median run of each mode (from JVM start)")
                .xAxisTitle("seconds since the JVM started").yAxisTitle("pages").build();
        style(chart);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        List<Color> colours = new ArrayList<>();
        for (ModeStats stats : result.stats()) {
            List<RunResult> runs = result.runs().stream().filter(run -> run.mode() == stats.mode())
                    .sorted(Comparator.comparingDouble(RunResult::pagesPerSecond)).toList();
            RunResult median = runs.get(runs.size() / 2);
            List<Double> x = median.figures().samples().stream().map(s -> s.sinceJvmStartMs() / 1000.0).toList();
            List<Double> y = median.figures().samples().stream().map(s -> (double) s.pages()).toList();
            chart.addSeries(stats.mode().cliName(), x, y).setMarker(SeriesMarkers.NONE);
            colours.add(COLOURS.get(stats.mode()));
        }
        chart.getStyler().setSeriesColors(colours.toArray(Color[]::new));
        return chart;
    }

    private static void style(Chart<?, ?> chart) {
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBorderVisible(false);
        chart.getStyler().setLegendBorderColor(Color.WHITE);
    }

    private static byte[] png(Chart<?, ?> chart) throws IOException {
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }
}
