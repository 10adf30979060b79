package dev.trawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.mode.CrawlRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The live progress line: honest figures, one line rewritten in place, ended once. */
class ProgressLineTest {

    @Test
    void theLiveLineHasNoPercentageAndTheSummarysRate() {
        String line = ProgressDisplay.live(new CrawlRun.Progress(1500, 3, 900, 64, 10, 50, Duration.ofSeconds(75), List.of()));

        assertThat(line).isEqualTo("crawl 1:15  1,500 pages  20 pages/s  900 queued  64 in flight  3 errors");
        assertThat(line).doesNotContain("%");
    }

    @Test
    void framesAreCutToTheWidthPaddedOverLongerOnesAndEndedOnce() {
        StringWriter text = new StringWriter();
        ProgressDisplay.StatusLine status = new ProgressDisplay.StatusLine(new PrintWriter(text), 20);

        status.show("a".repeat(30));
        status.show("short");
        status.end();

        assertThat(text.toString()).isEqualTo("\r" + "a".repeat(16) + "...\rshort" + " ".repeat(14) + "\n");
    }

    @Test
    void nothingShownMeansNoNewline() {
        StringWriter text = new StringWriter();
        new ProgressDisplay.StatusLine(new PrintWriter(text), 80).end();
        assertThat(text.toString()).isEmpty();
    }
}
