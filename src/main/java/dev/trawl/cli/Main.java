package dev.trawl.cli;

import dev.trawl.config.ConfigException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

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
        System.exit(commandLine().execute(args));
    }

    /** The configured command line: messages, not stack traces, for expected failures. */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new TrawlCommand());
        // Help as wide as the terminal (picocli asks it), 100 columns when not on one: the descriptions
        // and examples are written for that, and 80 broke them mid-sentence.
        cmd.setUsageHelpAutoWidth(true);
        cmd.setUsageHelpWidth(100);
        BenchCommand.describeWorkloads(cmd.getSubcommands().get("bench"));
        ConfigDefaults defaults = new ConfigDefaults();
        for (String name : java.util.List.of("crawl", "demo")) {
            cmd.getSubcommands().get(name).setResourceBundle(defaults);
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
