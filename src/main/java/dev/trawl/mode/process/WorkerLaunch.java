package dev.trawl.mode.process;

import dev.trawl.launch.TrawlJvm;
import java.util.List;
import java.util.Objects;

/**
 * How a child JVM is started: as {@link TrawlJvm} starts trawl again (this JVM's java, options and class path,
 * start-up cache included, so that a child is tuned and starts as its parent did), with the configured
 * {@code concurrency.worker-jvm-options} after them, then {@code worker --id N}. Immutable.
 *
 * @param jvm the JVM to start, options included
 */
public record WorkerLaunch(TrawlJvm jvm) {
    public WorkerLaunch {
        Objects.requireNonNull(jvm, "jvm");
    }

    /** Children of this JVM, with {@code jvmOptions} ({@code concurrency.worker-jvm-options}) after its own. */
    public static WorkerLaunch sameJvm(List<String> jvmOptions) {
        return new WorkerLaunch(TrawlJvm.current().with(jvmOptions));
    }

    /** The java launcher, for messages. */
    String java() {
        return jvm.java();
    }

    /** The command line of worker {@code id}. */
    List<String> command(int id) {
        // stdout carries only frames: the JVM's own warnings go to stderr, and unified logging (which writes to
        // stdout by default, and whatever the inherited options asked) is reset to warnings on stderr
        List<String> stdoutKeptForFrames = List.of("-XX:+DisplayVMOutputToStderr", "-Xlog:disable", "-Xlog:all=warning:stderr");
        return jvm.with(stdoutKeptForFrames).command(List.of("worker", "--id", Integer.toString(id)));
    }
}
