package dev.trawl.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrawlJvmTest {
    private static final List<String> LAUNCHERS = List.of("-Xss512k", "-Xmx192m", "-Xmn64m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=2", "--enable-native-access=ALL-UNNAMED",
            "-XX:AOTCache=/t/target/trawl.aot");

    @Test
    void theServerGetsItsOwnHeapInPlaceOfTheCrawlersAndTheRestOfTheCommandStays() {
        TrawlJvm crawl = new TrawlJvm("/jdk/bin/java", List.of("-Xss512k", "-Xmx192m", "-XX:+UseSerialGC"), "trawl.jar");

        assertThat(crawl.withMaxHeap(716).command(List.of("serve"))).containsExactly("/jdk/bin/java", "-Xmx716m",
                "-Xss512k", "-XX:+UseSerialGC", "-cp", "trawl.jar", "dev.trawl.cli.Main", "serve");
    }

    @Test
    void anotherJvmOfTrawlGetsEveryTuningOptionTheLauncherGaveThisOne() {
        assertThat(TrawlJvm.inherited(LAUNCHERS)).isEqualTo(LAUNCHERS);
    }

    @Test
    void makingTheStartUpCacheAgentsAndDebuggersStayWithThisProcess() {
        List<String> training = new java.util.ArrayList<>(LAUNCHERS.subList(0, 7));
        training.addAll(List.of("-XX:AOTCacheOutput=/t/target/trawl.aot", "-XX:AOTMode=record",
                "-XX:AOTConfiguration=/t/x.aotconf", "-agentlib:jdwp=transport=dt_socket,address=5005",
                "-javaagent:/j/jacoco.jar", "-agentpath:/p/lib.so", "-Xdebug", "-Xrunjdwp:server=y",
                "-XX:StartFlightRecording=filename=x.jfr", "-XX:HeapDumpPath=/tmp/h.hprof", "-XX:ArchiveClassesAtExit=a.jsa",
                "-XX:+AutoCreateSharedArchive", "-Xlog:gc:file=gc.log", "-Xloggc:gc.log"));

        assertThat(TrawlJvm.inherited(training)).isEqualTo(LAUNCHERS.subList(0, 7));
        // logging to the terminal is every process's own and harmless; only a log file would be shared
        assertThat(TrawlJvm.inherited(List.of("-Xlog:gc", "-Xlog:gc:file=gc.log"))).containsExactly("-Xlog:gc");
    }

    @Test
    void optionsAddedForAChildComeAfterItsParentsSoTheyWin() {
        TrawlJvm child = new TrawlJvm("/jdk/bin/java", LAUNCHERS, "trawl.jar").with(List.of("-Xmx512m"));

        assertThat(child.command(List.of("worker", "--id", "1"))).endsWith("-Xmx512m", "-cp", "trawl.jar",
                "dev.trawl.cli.Main", "worker", "--id", "1");
        assertThat(child.options()).startsWith("-Xss512k", "-Xmx192m", "-XX:+UseSerialGC");
    }

    @Test
    void aChildWithAHeapOfItsOwnSizesItsYoungGenerationFromIt() {
        // the launcher's -Xmn64m in a 64 MiB heap leaves no room for the start-up cache: the JVM would not start
        TrawlJvm small = new TrawlJvm("/jdk/bin/java", LAUNCHERS, "trawl.jar").with(List.of("-Xmx64m"));
        TrawlJvm tuned = new TrawlJvm("/jdk/bin/java", LAUNCHERS, "trawl.jar").with(List.of("-XX:+AlwaysPreTouch"));

        assertThat(small.options()).doesNotContain("-Xmn64m").endsWith("-Xmx64m");
        assertThat(tuned.options()).contains("-Xmn64m");
        assertThat(new TrawlJvm("/jdk/bin/java", LAUNCHERS, "trawl.jar").withMaxHeap(716).options())
                .startsWith("-Xmx716m").doesNotContain("-Xmx192m", "-Xmn64m");
    }

    @Test
    void theRunningJvmIsStartedWithItsOwnJavaAndClassPath() {
        TrawlJvm current = TrawlJvm.current();

        assertThat(current.java()).isEqualTo(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
                .toString());
        assertThat(current.classPath()).isEqualTo(System.getProperty("java.class.path"));
    }
}
