package dev.trawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.config.ConfigLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --help} shows each flag's default, taken from the config's own defaults. */
class HelpDefaultsTest {

    @Test
    void crawlHelpShowsTheConfigDefaults() {
        String help = help("crawl").replaceAll("\\s+", " ");

        assertThat(help).contains("(default: " + ConfigLoader.defaultText("politeness.delay") + ")")
                .contains("Most requests in flight to one host. (default: 2)")
                .contains("(default: 10MiB)")
                .contains("(default: threads)")
                .contains("'-Xmx512m'. (default: none)")
                .doesNotContain("${bundle:");
        assertThat(ConfigLoader.defaultText("politeness.delay")).isEqualTo("1s");
        // an empty list reads "none", like every other list default; a set one is shown as the flag takes it
        assertThat(ConfigLoader.defaultText("concurrency.worker-jvm-options")).isEqualTo("none");
    }

    @Test
    void benchHelpExplainsEveryWorkload() {
        String help = help("bench").replaceAll("\\s+", " ");

        assertThat(help).contains("io ").contains("cpu ").contains("mixed ").contains("io-wide")
                .contains("(default: 3)").contains("(default: threads,async,virtual,"); // the list may wrap after a comma
        // a '%' in a workload's text must reach the footer as itself, not break picocli's formatting
        assertThat(help).contains("1% failing pages").doesNotContain("%n");
        // the site flags' defaults are the sim web's own, and a workload's site replaces them
        assertThat(help).contains("Pages per host (default: " + dev.trawl.sim.SiteSpec.defaults().pagesPerHost()
                + "; with --workload, the workload's)");
        // the two async clients can be compared in one run, and what "steady" means is said
        assertThat(help).contains("async-okhttp (async mode on OkHttp's enqueue")
                .contains("--modes async,async-okhttp").contains("while the middle 80% of the pages were written");
    }

    private static String help(String command) {
        CommandLine cmd = Main.commandLine();
        StringWriter out = new StringWriter();
        cmd.setOut(new PrintWriter(out));
        assertThat(cmd.execute(command, "--help")).isZero();
        return out.toString();
    }
}
