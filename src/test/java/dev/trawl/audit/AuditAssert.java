package dev.trawl.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.stats.Summary;

/**
 * The one check every test crawl ends with: its politeness audit found nothing. Shared by the harnesses that
 * run crawls ({@code TestCrawl}, the all-modes and processes-mode ITs, the CLI tests), so that "trawl audit
 * passes on every crawl in the test suite" is checked, not hoped.
 */
public final class AuditAssert {
    private AuditAssert() {}

    /**
     * Asserts that {@code summary} carries a politeness audit that saw the crawl's requests (at least one per
     * response: an audit told nothing is polite too), and that it found no violation.
     */
    public static void assertPolite(Summary summary) {
        assertThat(summary.politeness()).as("the summary's politeness audit").isPresent();
        AuditReport report = summary.politeness().get();
        assertThat(report.requests()).as("requests the audit saw, against the crawl's %,d responses", summary.responses())
                .isGreaterThanOrEqualTo(summary.responses());
        assertThat(report.polite()).as(report.verdict() + "\n" + report.firstViolations()).isTrue();
        assertThat(summary.render()).contains("politeness: OK");
    }

    /**
     * Asserts that a command's printed summary, if it printed one ("crawl complete", "crawl interrupted"),
     * has a clean politeness verdict.
     */
    public static void assertPoliteOutput(String printed) {
        if (printed.contains("crawl complete") || printed.contains("crawl interrupted")) {
            assertThat(printed).contains("politeness: OK").doesNotContain("VIOLATION");
        }
    }
}
