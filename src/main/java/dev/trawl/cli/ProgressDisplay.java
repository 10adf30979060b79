package dev.trawl.cli;

import dev.trawl.config.ProgressMode;
import dev.trawl.mode.CrawlRun;
import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Shows a crawl's progress: a live line (pages, rate, queue depth, errors) on a terminal, a plain log line
 * every few seconds otherwise, or nothing. Owns one scheduler thread ({@code trawl-progress}), stopped
 * by {@link #close()}.
 */
final class ProgressDisplay implements AutoCloseable {
    private static final Duration LOG_EVERY = Duration.ofSeconds(5);

    private final Optional<ScheduledExecutorService> ticker;
    private final Runnable finish;

    private ProgressDisplay(Optional<ScheduledExecutorService> ticker, Runnable finish) {
        this.ticker = ticker;
        this.finish = finish;
    }

    /** Starts showing {@code progress} on {@code err} as {@code mode} asks. */
    static ProgressDisplay start(ProgressMode mode, Supplier<CrawlRun.Progress> progress, PrintWriter err) {
        if (mode == ProgressMode.OFF) {
            return new ProgressDisplay(Optional.empty(), () -> {});
        }
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("trawl-progress").daemon().factory());
        if (mode == ProgressMode.ON || isTerminal()) {
            StatusLine status = new StatusLine(err, terminalWidth());
            Runnable update = () -> status.show(live(progress.get()));
            ticker.scheduleAtFixedRate(update, 0, 250, TimeUnit.MILLISECONDS);
            return new ProgressDisplay(Optional.of(ticker), () -> {
                update.run(); // the last frame is the crawl's end, not the last tick
                status.end();
            });
        }
        ticker.scheduleAtFixedRate(() -> err.println(line(progress.get())), LOG_EVERY.toMillis(),
                LOG_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return new ProgressDisplay(Optional.of(ticker), () -> {});
    }

    /**
     * The live line: counts and the rate over the whole crawl so far (as the summary computes it). No
     * percentage and no bar: a crawl's total is unknown until it ends, and a guessed one moves backwards.
     */
    static String live(CrawlRun.Progress p) {
        double seconds = Math.max(p.elapsed().toNanos() / 1e9, 1e-9);
        long whole = (long) seconds;
        return String.format(Locale.ROOT, "crawl %d:%02d  %,d pages  %,.0f pages/s  %,d queued  %d in flight  %,d errors",
                whole / 60, whole % 60, p.records(), p.records() / seconds, p.queued(), p.inFlight(), p.errors())
                + waiting(p);
    }

    /** A plain progress line for logs. */
    static String line(CrawlRun.Progress p) {
        double seconds = Math.max(p.elapsed().toNanos() / 1e9, 1e-9);
        return String.format(Locale.ROOT, "trawl: %,d pages (%,.0f/s), %,d queued, %d in flight, %,d errors, %d hosts, %.0fs",
                p.records(), p.records() / seconds, p.queued(), p.inFlight(), p.errors(), p.hosts(), seconds)
                + waiting(p);
    }

    /** " | waiting: 127.0.0.1:9 robots.txt connect: … (try 2 of 3), 2s; +3 more", or nothing. */
    static String waiting(CrawlRun.Progress p) {
        if (p.waiting().isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(" | waiting: ");
        int shown = Math.min(2, p.waiting().size());
        for (int i = 0; i < shown; i++) {
            var wait = p.waiting().get(i);
            out.append(i == 0 ? "" : "; ").append(wait.host()).append(' ').append(wait.why())
                    .append(String.format(Locale.ROOT, ", %.0fs", Math.ceil(wait.left().toMillis() / 1000.0)));
        }
        if (p.waiting().size() > shown) {
            out.append("; +").append(p.waiting().size() - shown).append(" more");
        }
        return out.toString();
    }

    @Override
    public void close() {
        ticker.ifPresent(t -> {
            t.shutdownNow();
            try {
                t.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        finish.run();
    }

    /** The terminal's width from {@code COLUMNS} if the shell exported it, else 80. */
    static int terminalWidth() {
        try {
            String columns = System.getenv("COLUMNS");
            return columns == null ? 80 : Math.max(20, Integer.parseInt(columns.strip()));
        } catch (NumberFormatException e) {
            return 80;
        }
    }

    /**
     * One line rewritten in place with a carriage return: cut to the terminal's width so it never wraps
     * (a wrapped line cannot be rewritten), padded to wipe a longer previous frame, ended once with a newline.
     * Not thread-safe: the ticker writes it, and {@link #end} runs after the ticker stopped.
     */
    static final class StatusLine {
        private final PrintWriter out;
        private final int width;
        private int shown;

        StatusLine(PrintWriter out, int width) {
            this.out = out;
            this.width = width;
        }

        void show(String text) {
            String frame = text.length() >= width ? text.substring(0, width - 4) + "..." : text;
            out.print('\r' + frame + " ".repeat(Math.max(0, shown - frame.length())));
            out.flush();
            shown = frame.length();
        }

        void end() {
            if (shown > 0) {
                out.println();
                out.flush();
            }
        }
    }

    /** Whether standard error is likely a terminal: {@code Console.isTerminal()} where the JDK has it (22+). */
    static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a console exists only for a terminal
        }
    }
}
