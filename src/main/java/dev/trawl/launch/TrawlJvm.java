package dev.trawl.launch;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How trawl starts a JVM of itself (a processes-mode child, the bench's server and crawls): this JVM's
 * {@code java}, the options this JVM was started with, and its class path. The options are chosen once, where
 * the first JVM starts: by the launcher ({@code ./trawl}: its defaults, {@code TRAWL_HEAP}, or
 * {@code TRAWL_JAVA_OPTS}), whose heap, GC, compiler, stack and start-up cache then hold for every JVM of a run
 * instead of a second list kept here. Options that belong to this one process are not passed on: making the
 * start-up cache (children would all write the one file) and agents or debuggers (a second JDWP agent cannot
 * bind the first one's port). Immutable.
 *
 * @param java the java launcher
 * @param options the JVM options, in order; a later one of the same kind wins, as HotSpot reads them
 * @param classPath the class path
 */
public record TrawlJvm(String java, List<String> options, String classPath) {
    public static final String MAIN_CLASS = "dev.trawl.cli.Main";

    public TrawlJvm {
        Objects.requireNonNull(java, "java");
        Objects.requireNonNull(classPath, "classPath");
        options = List.copyOf(options);
    }

    /** The JVM this code runs in, with the options it may pass on. */
    public static TrawlJvm current() {
        return new TrawlJvm(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                inherited(ManagementFactory.getRuntimeMXBean().getInputArguments()),
                System.getProperty("java.class.path"));
    }

    /** Of {@code arguments}, a JVM's options, those another JVM of trawl should be started with too. */
    static List<String> inherited(List<String> arguments) {
        return arguments.stream().filter(TrawlJvm::passedOn).toList();
    }

    private static boolean passedOn(String option) {
        return !option.startsWith("-XX:AOTCacheOutput") && !option.startsWith("-XX:AOTMode")
                && !option.startsWith("-XX:AOTConfiguration") && !option.startsWith("-agentlib")
                && !option.startsWith("-agentpath") && !option.startsWith("-javaagent") && !option.startsWith("-Xrun")
                && !option.equals("-Xdebug");
    }

    /** This JVM with {@code more} options after its own, so that they win (e.g. a child's {@code -Xmx}). */
    public TrawlJvm with(List<String> more) {
        List<String> all = new ArrayList<>(options);
        all.addAll(more);
        return new TrawlJvm(java, all, classPath);
    }

    /** This JVM with its maximum heap set to {@code mib} MiB in place of its own. */
    public TrawlJvm withMaxHeap(long mib) {
        List<String> all = new ArrayList<>(List.of("-Xmx" + mib + "m"));
        options.stream().filter(option -> !option.startsWith("-Xmx")).forEach(all::add);
        return new TrawlJvm(java, all, classPath);
    }

    /** {@code java OPTIONS -cp CLASSPATH dev.trawl.cli.Main ARGUMENTS} as a command line. */
    public List<String> command(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(options);
        command.add("-cp");
        command.add(classPath);
        command.add(MAIN_CLASS);
        command.addAll(arguments);
        return command;
    }
}
