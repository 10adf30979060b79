package dev.trawl.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How the bench starts {@code trawl serve} and each {@code trawl crawl}: this JVM's java, options and class
 * path, as the launcher chose them (start-up cache included), so each crawl starts as a user's would.
 * Immutable.
 */
record JvmCommand(List<String> prefix) {
    private static final String MAIN_CLASS = "dev.trawl.cli.Main";

    JvmCommand {
        prefix = List.copyOf(prefix);
    }

    /** The command that runs this JVM again, without its arguments. */
    static JvmCommand sameJvm() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // not the options of a JVM that is making the start-up cache, nor agents and debuggers
            if (!option.startsWith("-XX:AOTCacheOutput") && !option.startsWith("-XX:AOTMode")
                    && !option.startsWith("-XX:AOTConfiguration") && !option.startsWith("-agentlib")
                    && !option.startsWith("-javaagent")) {
                command.add(option);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MAIN_CLASS);
        return new JvmCommand(command);
    }

    /**
     * The same command with its maximum heap set to {@code mib} MiB, in place of the launcher's (which is sized
     * for a crawler, not for a server that keeps a whole generated site in memory).
     */
    JvmCommand withMaxHeap(long mib) {
        List<String> command = new ArrayList<>();
        for (String option : prefix) {
            if (!option.startsWith("-Xmx")) {
                command.add(option);
            }
        }
        command.add(1, "-Xmx" + mib + "m");
        return new JvmCommand(command);
    }

    /** {@code trawl ARGS...} as a command line. */
    List<String> trawl(List<String> arguments) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(arguments);
        return command;
    }
}
