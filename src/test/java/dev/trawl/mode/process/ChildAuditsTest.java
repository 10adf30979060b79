package dev.trawl.mode.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.audit.AuditEvent;
import dev.trawl.audit.AuditLines;
import dev.trawl.audit.AuditPolicy;
import dev.trawl.audit.AuditReport;
import dev.trawl.audit.AuditTrail;
import dev.trawl.audit.Violation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The coordinator's one audit of its children's facts, fed lines as the children send them: no processes. */
class ChildAuditsTest {
    private static final long MS = 1_000_000L;
    private static final long T0 = 1_795_000_000_000_000_000L;
    /** No delay, one request per host: only the cap is checked. */
    private static final AuditPolicy POLICY = new AuditPolicy(Duration.ZERO, 1, Duration.ofSeconds(30),
            Duration.ofSeconds(60));
    private static final HostSharder SHARDER = new HostSharder(2);
    /** Owned by worker 0 and worker 1 (pinned in {@link HostSharderTest}). */
    private static final String A = "127.0.0.1:8080";
    private static final String B = "127.0.0.1:8081";

    private final List<AuditEvent> facts = new CopyOnWriteArrayList<>();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final ChildAudits audits = new ChildAudits(POLICY, SHARDER, new AuditTrail() {
        @Override
        public void record(AuditEvent event) {
            facts.add(event);
            lines.add(AuditLines.format(event));
        }

        @Override
        public void record(AuditEvent event, String line) {
            facts.add(event);
            lines.add(line);
        }
    });

    private static String sent(String host, long ms) {
        return AuditLines.format(new AuditEvent.Sent(T0 + ms * MS, T0 + ms * MS, host, "http://" + host + "/" + ms,
                AuditEvent.Kind.PAGE));
    }

    private static String ended(String host, long ms) {
        return AuditLines.format(new AuditEvent.Ended(T0 + ms * MS, host, "http://" + host + "/", Optional.empty()));
    }

    @Test
    void aDeadChildOrphansOnlyTheRequestsOfTheHostsItOwned() {
        assertThat(SHARDER.shardOf(A)).isZero();
        assertThat(SHARDER.shardOf(B)).isOne();
        audits.heard(List.of(sent(A, 0))); // worker 0
        audits.heard(List.of(sent(B, 0))); // worker 1

        audits.gone(0, T0 + 100 * MS); // worker 0 dies with its request to A in flight, and is restarted
        audits.heard(List.of(sent(A, 200))); // its replacement asks A again: the dead one's request is over
        audits.heard(List.of(sent(B, 300))); // worker 1 goes past B's cap: its first request is still in flight
        audits.heard(List.of(ended(B, 400), ended(B, 500), ended(A, 600)));

        AuditReport report = audits.report();
        assertThat(report.violationsByKind()).as(report.verdict()).isEqualTo(Map.of(Violation.Kind.PER_HOST, 1L));
        assertThat(report.firstViolations()).extracting(Violation::host).containsExactly(B);
        assertThat(facts).filteredOn(AuditEvent.Orphaned.class::isInstance)
                .containsExactly(new AuditEvent.Orphaned(T0 + 100 * MS, List.of(A)));
    }

    @Test
    void aChildGoneWithNothingInFlightLeavesNoOrphans() {
        audits.heard(List.of(sent(A, 0), ended(A, 10)));
        audits.heard(List.of(sent(B, 0)));

        audits.gone(0, T0 + 100 * MS);

        assertThat(facts).noneMatch(AuditEvent.Orphaned.class::isInstance);
        assertThat(audits.report().polite()).isTrue();
    }

    @Test
    void factsGoToTheLogAsTheyCameAndALineThatIsNoFactIsLeftOutWithWhy() {
        // as a child wrote it, not AuditLines' own spacing: passed on as it is, not formatted again
        String spaced = sent(A, 0).replace(",", ", ");

        List<String> problems = audits.heard(List.of(spaced, "not json", ended(A, 10)));

        assertThat(lines).containsExactly(spaced, ended(A, 10));
        assertThat(problems).singleElement().asString().startsWith("bad politeness fact (not JSON").endsWith(": not json");
        assertThat(audits.report().requests()).isEqualTo(1);
    }
}
