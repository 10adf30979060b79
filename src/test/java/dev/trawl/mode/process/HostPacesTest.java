package dev.trawl.mode.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.frontier.Frontier.HostWait;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pace of a processes-mode crawl's hosts, as a child says it and as the coordinator puts it together. */
class HostPacesTest {
    private static final long SECOND = 1_000_000_000L;

    private static HostWait wait(String host, String why, long leftMillis) {
        return new HostWait(host, why, Duration.ofMillis(leftMillis));
    }

    @Test
    void aChildSpeaksOnlyWhenWhatItWouldSayChanged() {
        PaceReporter reporter = new PaceReporter();

        assertThat(reporter.changed(List.of(), Map.of())).as("nothing to say at first").isEmpty();
        var first = reporter.changed(List.of(wait("b.test", "robots.txt status 503 (try 2 of 3)", 900),
                wait("a.test", "status 503, retrying http://a.test/x", 400)), Map.of());
        assertThat(first).isPresent();
        assertThat(first.get().waiting()).extracting(HostWait::host).containsExactly("a.test", "b.test");
        assertThat(reporter.changed(List.of(wait("a.test", "status 503, retrying http://a.test/x", 150),
                wait("b.test", "robots.txt status 503 (try 2 of 3)", 650)), Map.of()))
                .as("only the times left moved").isEmpty();
        assertThat(reporter.changed(List.of(wait("b.test", "robots.txt status 503 (try 3 of 3)", 1000)), Map.of()))
                .as("another reason").isPresent();
        var slowed = reporter.changed(List.of(wait("b.test", "robots.txt status 503 (try 3 of 3)", 800)),
                Map.of("a.test", "503 x1, peak 1s, now 1s"));
        assertThat(slowed).isPresent();
        assertThat(slowed.get().slowed()).containsEntry("a.test", "503 x1, peak 1s, now 1s");
        assertThat(reporter.changed(List.of(), Map.of("a.test", "503 x1, peak 1s, now 1s"))).as("no longer waiting")
                .isPresent();
        assertThat(reporter.changed(List.of(), Map.of("a.test", "503 x1, peak 1s, now 1s"))).isEmpty();
    }

    @Test
    void theCoordinatorListsEveryChildsWaitsCountingDownAndForgetsAChildThatIsGone() {
        HostPaces paces = new HostPaces();
        paces.heard(0, new Message.Pace(List.of(wait("b.test", "robots.txt status 503 (try 2 of 3)", 1500)),
                Map.of()), 10 * SECOND);
        paces.heard(1, new Message.Pace(List.of(wait("a.test", "status 429, retrying http://a.test/", 3000)),
                Map.of()), 11 * SECOND);

        assertThat(paces.waiting(12 * SECOND)).containsExactly(
                wait("a.test", "status 429, retrying http://a.test/", 2000),
                wait("b.test", "robots.txt status 503 (try 2 of 3)", 0));

        paces.heard(1, new Message.Pace(List.of(), Map.of()), 12 * SECOND);
        assertThat(paces.waiting(12 * SECOND)).extracting(HostWait::host).containsExactly("b.test");
        paces.gone(0);
        assertThat(paces.waiting(12 * SECOND)).isEmpty();
    }

    @Test
    void slowedHostsAreKeptWithTheirLatestWhyAcrossMessagesAndRestarts() {
        HostPaces paces = new HostPaces();
        paces.heard(0, new Message.Pace(List.of(), Map.of("a.test", "503 x1, peak 1s, now 1s")), SECOND);
        paces.heard(1, new Message.Pace(List.of(), Map.of("c.test", "slow x1, peak 1s, now 1s")), SECOND);
        paces.heard(0, new Message.Pace(List.of(), Map.of("a.test", "503 x2, peak 2s, now 2s",
                "b.test", "429 x1, peak 5s, now 5s")), 2 * SECOND);
        paces.gone(1);

        assertThat(paces.slowed()).containsExactly(Map.entry("a.test", "503 x2, peak 2s, now 2s"),
                Map.entry("b.test", "429 x1, peak 5s, now 5s"), Map.entry("c.test", "slow x1, peak 1s, now 1s"));
    }
}
