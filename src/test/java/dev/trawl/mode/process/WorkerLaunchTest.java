package dev.trawl.mode.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.launch.TrawlJvm;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A child's command line: its parent's options, the configured ones, then the guards of its stdout, last. */
class WorkerLaunchTest {

    @Test
    void theGuardsOfAChildsStdoutComeAfterEveryOptionSoNoneCanUndoThem() {
        // a user's -Xlog to stdout, in the launcher's options or in worker-jvm-options, would mix log lines into
        // the frames the coordinator reads
        TrawlJvm parent = new TrawlJvm("/jdk/bin/java", List.of("-Xmx192m", "-Xlog:gc"), "trawl.jar");
        WorkerLaunch launch = new WorkerLaunch(parent.with(List.of("-Xlog:safepoint", "-Xmx96m")));

        List<String> command = launch.command(3);

        assertThat(command).containsSubsequence("-Xmx192m", "-Xlog:gc", "-Xlog:safepoint", "-Xmx96m",
                "-XX:+DisplayVMOutputToStderr", "-Xlog:disable", "-Xlog:all=warning:stderr", "-cp", "trawl.jar",
                TrawlJvm.MAIN_CLASS, "worker", "--id", "3");
        assertThat(command.subList(command.indexOf("-Xlog:all=warning:stderr") + 1, command.size()))
                .containsExactly("-cp", "trawl.jar", TrawlJvm.MAIN_CLASS, "worker", "--id", "3");
        assertThat(launch.java()).isEqualTo("/jdk/bin/java");
    }
}
