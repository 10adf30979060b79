package dev.trawl.cli;

import dev.trawl.config.ConfigException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/** The entry point: runs {@link TrawlCommand} and exits with its code (0 ok, 1 run failed, 2 bad usage or config). */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line: messages, not stack traces, for expected failures. */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new TrawlCommand());
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
