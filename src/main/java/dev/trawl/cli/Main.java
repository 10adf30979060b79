package dev.trawl.cli;

import dev.trawl.config.ConfigException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.HelpCommand;

/** The entry point: runs {@link TrawlCommand} and exits with its code (0 ok, 1 run failed, 2 bad usage or config). */
public final class Main {
    private Main() {}

    /** Carriers per core for virtual threads, unless {@code -Djdk.virtualThreadScheduler.parallelism} says otherwise. */
    private static final int CARRIERS_PER_CORE = 2;

    public static void main(String[] args) {
        if (System.getProperty("jdk.virtualThreadScheduler.parallelism") == null) {
            // Virtual threads are not preempted: a carrier parsing a page delays every I/O completion queued
            // behind it. With one carrier per core, --mode virtual at 64 requests in flight measured 786
            // pages/s against 1,014 with two per core (50 ms latency, 2 cores; see README, Performance).
            System.setProperty("jdk.virtualThreadScheduler.parallelism",
                    Integer.toString(CARRIERS_PER_CORE * Runtime.getRuntime().availableProcessors()));
        }
        System.exit(commandLine(args.length == 0 ? "" : args[0]).execute(args));
    }

    /**
     * The subcommands, in the order {@code trawl --help} lists them, each made only when a command line
     * includes it: picocli reads a command's annotations, makes its object and every mixin's when it is
     * added, which for all nine cost more start-up than a short crawl's whole parse of its own flags.
     */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> all = new LinkedHashMap<>();
        all.put("crawl", CrawlCommand::new);
        all.put("bench", BenchCommand::new);
        all.put("export", ExportCommand::new);
        all.put("audit", AuditCommand::new);
        all.put("demo", DemoCommand::new);
        all.put("serve", ServeCommand::new);
        all.put("train", TrainCommand::new);
        all.put("help", HelpCommand::new);
        all.put("worker", WorkerCommand::new);
        return Collections.unmodifiableMap(all);
    }

    /** The configured command line, with every subcommand: messages, not stack traces, for expected failures. */
    public static CommandLine commandLine() {
        return configured(SUBCOMMANDS.keySet());
    }

    /**
     * The command line for a run whose first argument is {@code first}: only that subcommand when it names
     * one ({@code help} excepted, which describes the others), else all of them, so that {@code trawl},
     * {@code trawl --help} and a mistyped name still list and suggest every subcommand.
     */
    static CommandLine commandLine(String first) {
        return SUBCOMMANDS.containsKey(first) && !first.equals("help") ? configured(List.of(first)) : commandLine();
    }

    private static CommandLine configured(Collection<String> names) {
        CommandLine cmd = new CommandLine(new TrawlCommand());
        for (String name : names) {
            cmd.addSubcommand(name, SUBCOMMANDS.get(name).get());
        }
        // Help as wide as the terminal (picocli asks it), 100 columns when not on one: the descriptions
        // and examples are written for that, and 80 broke them mid-sentence.
        cmd.setUsageHelpAutoWidth(true);
        cmd.setUsageHelpWidth(100);
        Map<String, CommandLine> made = cmd.getSubcommands();
        if (made.containsKey("bench")) {
            BenchCommand.describeWorkloads(made.get("bench"));
        }
        ConfigDefaults defaults = null;
        for (String name : List.of("crawl", "demo")) {
            if (made.containsKey(name)) {
                defaults = defaults == null ? new ConfigDefaults() : defaults;
                made.get(name).setResourceBundle(defaults);
            }
        }
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("trawl: " + e.getMessage());
            return commandLine.getExitCodeExceptionMapper().getExitCode(e);
        });
        cmd.setExitCodeExceptionMapper(e -> switch (e) {
            case ConfigException c -> CommandLine.ExitCode.USAGE;
            case CommandLine.ParameterException p -> CommandLine.ExitCode.USAGE;
            case IllegalArgumentException i -> CommandLine.ExitCode.USAGE;
            case UncheckedIOException io -> CommandLine.ExitCode.SOFTWARE;
            default -> CommandLine.ExitCode.SOFTWARE;
        });
        return cmd;
    }
}
