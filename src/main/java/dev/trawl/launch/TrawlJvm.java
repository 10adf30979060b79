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
 * instead of a second list kept here. Options that belong to this one process are not passed on: those that
 * write a file of its own (making the start-up cache or a class-data archive, a flight recording, a heap dump, a
 * log file: every JVM of the run would write the one file) and agents or debuggers (a second JDWP agent cannot
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

    private static final List<String> OWN_PROCESS = List.of("-XX:AOTCacheOutput", "-XX:AOTMode", "-XX:AOTConfiguration",
            "-XX:ArchiveClassesAtExit", "-XX:+AutoCreateSharedArchive", "-XX:StartFlightRecording", "-XX:HeapDumpPath",
            "-Xloggc", "-agentlib", "-agentpath", "-javaagent", "-Xrun", "-Xdebug");

    private static boolean passedOn(String option) {
        boolean logFile = option.startsWith("-Xlog") && option.contains(":file=");
        return !logFile && OWN_PROCESS.stream().noneMatch(option::startsWith);
    }

    /**
     * This JVM with {@code more} options after its own, so that they win (e.g. a child's {@code -Xmx}). A heap of its
     * own also drops this JVM's fixed young generation ({@code -Xmn}), which was sized for this JVM's heap: in a
     * heap under about 100 MiB it leaves the old generation no room for the start-up cache's archived objects,
     * and the JVM does not start.
     */
    public TrawlJvm with(List<String> more) {
        boolean ownHeap = more.stream().anyMatch(option -> option.startsWith("-Xmx"));
        List<String> all = new ArrayList<>(ownHeap ? without("-Xmn") : options);
        all.addAll(more);
        return new TrawlJvm(java, all, classPath);
    }

    /** This JVM with its maximum heap set to {@code mib} MiB in place of its own (and no fixed young generation). */
    public TrawlJvm withMaxHeap(long mib) {
        List<String> all = new ArrayList<>(List.of("-Xmx" + mib + "m"));
        all.addAll(without("-Xmx", "-Xmn"));
        return new TrawlJvm(java, all, classPath);
    }

    private List<String> without(String... prefixes) {
        return options.stream().filter(option -> List.of(prefixes).stream().noneMatch(option::startsWith)).toList();
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
