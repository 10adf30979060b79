package dev.trawl.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The checker fed crafted facts: what it must pass, what it must catch, and what it says. */
class PolitenessAuditTest {
    private static final long MS = 1_000_000L;
    private static final long T0 = 1_795_000_000_000_000_000L;
    private static final AuditPolicy POLICY =
            new AuditPolicy(Duration.ofMillis(250), 2, Duration.ofSeconds(30), Duration.ofSeconds(60));

    private final PolitenessAudit audit = new PolitenessAudit(POLICY);

    private void sent(String host, long ms) {
        audit.accept(new AuditEvent.Sent(T0 + ms * MS, T0 + ms * MS, host, "http://" + host + "/" + ms, AuditEvent.Kind.PAGE));
    }

    private void ended(String host, long ms) {
        audit.accept(new AuditEvent.Ended(T0 + ms * MS, host, "http://" + host + "/", Optional.empty()));
    }

    /** One request at {@code ms} lasting {@code took} ms. */
    private void request(String host, long ms, long took) {
        sent(host, ms);
        ended(host, ms + took);
    }

    @Test
    void requestsThatKeepEveryGapAndTheCapPass() {
        request("a.test:80", 0, 10);
        request("a.test:80", 261, 10);
        request("a.test:80", 522, 10);

        AuditReport report = audit.report();
        assertThat(report.polite()).isTrue();
        assertThat(report.requests()).isEqualTo(3);
        assertThat(report.hosts()).isEqualTo(1);
        // a gap counts from the previous end: 261 - 10 = 251 ms
        assertThat(report.tightest()).map(AuditReport.Gap::gap).contains(Duration.ofMillis(251));
        assertThat(report.verdict()).isEqualTo("politeness: OK — 3 requests to 1 host; tightest gap 251 ms"
                + " (required 250 ms); at most 1 in flight per host (cap 2)");
    }

    @Test
    void aGapUnderTheDelayIsAViolationNamingHostUrlAndFigures() {
        request("a.test:80", 0, 10);
        request("a.test:80", 130, 10); // 120 ms after the end

        AuditReport report = audit.report();
        assertThat(report.polite()).isFalse();
        assertThat(report.violationsByKind()).containsEntry(Violation.Kind.DELAY, 1L);
        Violation v = report.firstViolations().getFirst();
        assertThat(v.host()).isEqualTo("a.test:80");
        assertThat(v.url()).isEqualTo("http://a.test:80/130");
        assertThat(v.detail()).isEqualTo("started 120 ms after the host's previous request ended;"
                + " politeness.delay requires 250 ms");
        assertThat(report.verdict()).startsWith("politeness: 1 VIOLATION — 1 gap under politeness.delay;")
                .contains("first: a.test:80 http://a.test:80/130");
    }

    @Test
    void twoRequestsInFlightStillKeepTheDelayBetweenTheirStarts() {
        sent("a.test:80", 0);
        sent("a.test:80", 100); // within the cap of 2, but only 100 ms after the first started
        ended("a.test:80", 500);
        ended("a.test:80", 510);

        assertThat(audit.report().violationsByKind()).containsEntry(Violation.Kind.DELAY, 1L);
        assertThat(audit.report().firstViolations().getFirst().detail()).contains("previous request started");
    }

    @Test
    void aRobotsCrawlDelayRaisesTheGapRequiredFromThen() {
        audit.accept(new AuditEvent.Sent(T0, T0, "a.test:80", "http://a.test/robots.txt", AuditEvent.Kind.ROBOTS));
        audit.accept(new AuditEvent.Ended(T0 + 10 * MS, "a.test:80", "http://a.test/robots.txt",
                Optional.of(Duration.ofSeconds(2))));
        request("a.test:80", 2_010, 10); // kept
        request("a.test:80", 3_520, 10); // 1.5 s: over the delay, under the Crawl-delay

        AuditReport report = audit.report();
        assertThat(report.violationsByKind()).containsOnlyKeys(Violation.Kind.CRAWL_DELAY);
        assertThat(report.firstViolations().getFirst().detail())
                .isEqualTo("started 1,500 ms after the host's previous request ended; its robots.txt Crawl-delay"
                        + " requires 2,000 ms");
    }

    @Test
    void aCrawlDelayAboveTheCapIsOwedOnlyUpToTheCap() {
        var capped = new PolitenessAudit(new AuditPolicy(Duration.ZERO, 1, Duration.ofSeconds(5), Duration.ofSeconds(60)));
        capped.accept(new AuditEvent.Sent(T0, T0, "a.test:80", "http://a.test/robots.txt", AuditEvent.Kind.ROBOTS));
        capped.accept(new AuditEvent.Ended(T0, "a.test:80", "http://a.test/robots.txt", Optional.of(Duration.ofHours(1))));
        capped.accept(new AuditEvent.Sent(T0 + 5_000 * MS, T0 + 5_000 * MS, "a.test:80", "http://a.test/", AuditEvent.Kind.PAGE));

        assertThat(capped.report().polite()).isTrue();
        assertThat(capped.report().tightest()).map(AuditReport.Gap::required).contains(Duration.ofSeconds(5));
    }

    @Test
    void aRequestInsideARetryAfterPauseIsAViolation() {
        sent("a.test:80", 0);
        audit.accept(new AuditEvent.Answered(T0 + 10 * MS, "a.test:80", "http://a.test/0", 503,
                Optional.of(Duration.ofSeconds(5))));
        ended("a.test:80", 10);
        request("a.test:80", 3_010, 10); // well over the delay, 2 s short of the Retry-After

        AuditReport report = audit.report();
        assertThat(report.violationsByKind()).containsOnlyKeys(Violation.Kind.RETRY_AFTER);
        assertThat(report.firstViolations().getFirst().detail())
                .isEqualTo("started 2,000 ms before the end of a Retry-After pause of 5,000 ms");
        assertThat(report.retryAfterHolds()).isEqualTo(1);
    }

    @Test
    void aRetryAfterKeptPassesAndOneOnAnotherStatusOwesNothing() {
        sent("a.test:80", 0);
        audit.accept(new AuditEvent.Answered(T0 + 10 * MS, "a.test:80", "http://a.test/0", 429,
                Optional.of(Duration.ofSeconds(1))));
        ended("a.test:80", 10);
        sent("a.test:80", 1_010);
        audit.accept(new AuditEvent.Answered(T0 + 1_020 * MS, "a.test:80", "http://a.test/1", 301,
                Optional.of(Duration.ofSeconds(100))));
        ended("a.test:80", 1_020);
        request("a.test:80", 1_300, 10);

        assertThat(audit.report().polite()).isTrue();
        assertThat(audit.report().verdict()).endsWith("; 1 Retry-After pause");
    }

    @Test
    void aRetryAfterLongerThanTheCapIsOwedUpToTheCap() {
        var capped = new PolitenessAudit(new AuditPolicy(Duration.ZERO, 1, Duration.ofSeconds(30), Duration.ofSeconds(2)));
        capped.accept(new AuditEvent.Sent(T0, T0, "a.test:80", "http://a.test/", AuditEvent.Kind.PAGE));
        capped.accept(new AuditEvent.Answered(T0, "a.test:80", "http://a.test/", 503, Optional.of(Duration.ofDays(1))));
        capped.accept(new AuditEvent.Ended(T0, "a.test:80", "http://a.test/", Optional.empty()));
        capped.accept(new AuditEvent.Sent(T0 + 2_000 * MS, T0 + 2_000 * MS, "a.test:80", "http://a.test/x", AuditEvent.Kind.PAGE));

        assertThat(capped.report().polite()).isTrue();
    }

    @Test
    void anEndOrARetryAfterBetweenARequestsLeaseAndItsSendingIsNotHeldAgainstIt() {
        sent("a.test:80", 0);
        // the second request is leased at 250 (the first still in flight) and waits 30 ms for its connection
        audit.accept(new AuditEvent.Answered(T0 + 260 * MS, "a.test:80", "http://a.test/0", 503,
                Optional.of(Duration.ofSeconds(5))));
        ended("a.test:80", 260);
        audit.accept(new AuditEvent.Sent(T0 + 280 * MS, T0 + 250 * MS, "a.test:80", "http://a.test/1",
                AuditEvent.Kind.PAGE));
        ended("a.test:80", 300);
        // the third is leased after both: held to the end and the pause
        audit.accept(new AuditEvent.Sent(T0 + 5_300 * MS, T0 + 5_300 * MS, "a.test:80", "http://a.test/2",
                AuditEvent.Kind.PAGE));

        assertThat(audit.report().polite()).as(audit.report().verdict()).isTrue();

        request("a.test:80", 5_400, 1); // 100 ms after the third's end, leased after it: a slip
        assertThat(audit.report().violationsByKind()).containsOnlyKeys(Violation.Kind.DELAY);
    }

    @Test
    void moreInFlightThanTheCapIsAViolation() {
        sent("a.test:80", 0);
        sent("a.test:80", 250);
        sent("a.test:80", 500);

        AuditReport report = audit.report();
        assertThat(report.violationsByKind()).containsOnlyKeys(Violation.Kind.PER_HOST);
        assertThat(report.peakInFlight()).isEqualTo(3);
        assertThat(report.firstViolations().getFirst().detail())
                .isEqualTo("3 requests in flight to the host; politeness.per-host allows 2");
    }

    @Test
    void interleavedHostsAreCheckedApart() {
        for (int i = 0; i < 10; i++) {
            request("a.test:80", i * 300, 10);
            request("b.test:80", i * 300 + 5, 10); // 5 ms after a's request: another host, no gap owed
        }
        request("c.test:80", 0, 1);
        request("c.test:80", 100, 1); // the only slip

        AuditReport report = audit.report();
        assertThat(report.requests()).isEqualTo(22);
        assertThat(report.hosts()).isEqualTo(3);
        assertThat(report.violations()).isEqualTo(1);
        assertThat(report.worstHosts()).first().extracting(AuditReport.HostRow::host).isEqualTo("c.test:80");
        assertThat(report.worstHosts()).extracting(AuditReport.HostRow::violations).containsExactly(1L, 0L, 0L);
    }

    @Test
    void aFactOutOfOrderShowsAsAGapTooSmall() {
        request("a.test:80", 1_000, 10);
        sent("a.test:80", 500); // logged after a later one: a negative gap

        assertThat(audit.report().violationsByKind()).containsEntry(Violation.Kind.DELAY, 1L);
        assertThat(audit.report().tightest()).map(AuditReport.Gap::gap).contains(Duration.ofMillis(-500));
    }

    @Test
    void aNewProcessEndsTheRequestsItsPredecessorLeftInFlight() {
        sent("a.test:80", 0);
        sent("a.test:80", 250); // the process dies with both in flight
        audit.accept(new AuditEvent.Start(T0 + 1_000 * MS, POLICY));
        sent("a.test:80", 1_250);
        sent("a.test:80", 1_500);
        ended("a.test:80", 1_600);
        ended("a.test:80", 1_700);

        AuditReport report = audit.report();
        assertThat(report.polite()).as(report.verdict()).isTrue();
        assertThat(report.peakInFlight()).isEqualTo(2);
    }

    @Test
    void aProcessGoneOrphansTheRequestsInFlightOfTheHostsItOwnedOnly() {
        request("c.test:80", 0, 10);
        sent("a.test:80", 0);
        sent("a.test:80", 250);
        sent("b.test:80", 0);
        sent("b.test:80", 250);

        assertThat(audit.orphans(T0 + 600 * MS, host -> false)).isEmpty();
        Optional<AuditEvent.Orphaned> orphans = audit.orphans(T0 + 600 * MS, host -> !host.equals("b.test:80"));
        assertThat(orphans).contains(new AuditEvent.Orphaned(T0 + 600 * MS, List.of("a.test:80")));
        audit.accept(orphans.get());

        sent("a.test:80", 850); // a's two are over: two more keep the cap
        sent("a.test:80", 1_100);
        sent("b.test:80", 850); // b's two are still in flight: a third is over the cap
        AuditReport report = audit.report();
        assertThat(report.violationsByKind()).as(report.verdict())
                .containsOnly(java.util.Map.entry(Violation.Kind.PER_HOST, 1L));
        assertThat(report.firstViolations()).extracting(Violation::host).containsExactly("b.test:80");
        assertThat(audit.orphans(T0 + 1_200 * MS, host -> true).orElseThrow().hosts())
                .containsExactly("a.test:80", "b.test:80");
    }

    @Test
    void violationsAreCountedAllButListedOnlyUpToTheBound() {
        for (int i = 0; i < 100; i++) {
            request("a.test:80", i * 20, 1);
        }
        AuditReport report = audit.report();
        assertThat(report.violations()).isEqualTo(99);
        assertThat(report.firstViolations()).hasSize(PolitenessAudit.MAX_LISTED);
        assertThat(report.verdict()).startsWith("politeness: 99 VIOLATIONS — 99 gaps under politeness.delay;");
    }

    @Test
    void noRequestsIsPolite() {
        assertThat(audit.report().polite()).isTrue();
        assertThat(audit.report().verdict()).isEqualTo("politeness: OK — no requests made");
    }
}
