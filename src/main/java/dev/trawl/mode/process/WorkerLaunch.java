package dev.trawl.mode.process;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a child JVM is started: this JVM's {@code java} binary and class path, the configured JVM options,
 * then {@code dev.trawl.cli.Main worker --id N}. {@code -XX:+DisplayVMOutputToStderr} keeps the JVM's own
 * warnings off stdout, which carries only frames. Immutable.
 *
 * @param java the java launcher
 * @param classPath the class path, as this JVM has it
 * @param jvmOptions options before the main class ({@code concurrency.worker-jvm-options})
 */
public record WorkerLaunch(String java, String classPath, List<String> jvmOptions) {
    static final String MAIN_CLASS = "dev.trawl.cli.Main";

    public WorkerLaunch {
        Objects.requireNonNull(java, "java");
        Objects.requireNonNull(classPath, "classPath");
        jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * Children run on the same JDK and class path as this JVM, and share its ahead-of-time cache
     * ({@code -XX:AOTCache}, made by the launcher on JDK 25+) so that they start as fast as it did.
     */
    public static WorkerLaunch sameJvm(List<String> jvmOptions) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> options = new ArrayList<>(jvmOptions);
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                // the start-up cache, and what it was made with: a cache made with other module options is
                // refused with a warning
                .filter(argument -> argument.startsWith("-XX:AOTCache=") || argument.startsWith("--enable-native-access"))
                .forEach(options::add);
        if (Runtime.version().feature() >= 22) {
            options.add("-XX:UserThreadWaitAttemptsAtExit=0"); // no 300 ms wait at exit for threads in native I/O
        }
        return new WorkerLaunch(java, System.getProperty("java.class.path"), options);
    }

    /** The command line of worker {@code id}. */
    List<String> command(int id) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add("-XX:+DisplayVMOutputToStderr");
        // unified logging writes warnings to stdout by default, where they would corrupt the frames
        command.add("-Xlog:disable");
        command.add("-Xlog:all=warning:stderr");
        command.add("-cp");
        command.add(classPath);
        command.add(MAIN_CLASS);
        command.add("worker");
        command.add("--id");
        command.add(Integer.toString(id));
        return command;
    }
}
