package dev.trawl.frontier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.audit.AuditEvent;
import dev.trawl.audit.AuditReport;
import dev.trawl.config.CrawlConfig;
import dev.trawl.config.ScopeKind;
import dev.trawl.fetch.FetchResult;
import dev.trawl.robots.RobotsRules;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The frontier as the politeness audit's witness: the facts it tells, the Retry-After it keeps. */
class FrontierAuditTest {
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final List<AuditEvent> trail = new CopyOnWriteArrayList<>();

    private MemoryFrontier frontier(Duration delay, int perHost, boolean robots, boolean adaptive) {
        return frontier(delay, perHost, robots, adaptive, MemoryFrontier.Auditor.FRONTIER);
    }

    private MemoryFrontier frontier(Duration delay, int perHost, boolean robots, boolean adaptive,
            MemoryFrontier.Auditor auditor) {
        var politeness = new CrawlConfig.Politeness(delay, perHost, robots, "maximumSize=100", Duration.ofSeconds(10),
                Duration.ofSeconds(30), false, CrawlConfig.Politeness.DEFAULT_MAX_SITEMAP_URLS,
                new CrawlConfig.Adaptive(adaptive, Duration.ofSeconds(1), Duration.ofSeconds(60), 4, 10));
        var scope = new Scope(new CrawlConfig.Scope(ScopeKind.HOST, List.of(), List.of()), List.of("http://a.test/"));
        return new MemoryFrontier(politeness, new CrawlState(100, 5), scope, 100,
                clock::get, trail::add, auditor);
    }

    private void advance(Duration d) {
        clock.addAndGet(d.toNanos());
    }

    private static FetchResult.Fetched response(String url, int status, Optional<Duration> retryAfter) {
        return new FetchResult.Fetched(url, Instant.EPOCH, Duration.ofMillis(5), status, Optional.of("text/html"),
                Optional.empty(), new byte[0], true, Optional.empty(), retryAfter, 0);
    }

    private static RobotsRules crawlDelay(Duration delay) {
        return new RobotsRules() {
            @Override
            public boolean allows(String url) {
                return true;
            }

            @Override
            public Optional<Duration> crawlDelay() {
                return Optional.of(delay);
            }

            @Override
            public Optional<Duration> retryAfter() {
                return Optional.empty();
            }
        };
    }

    @Test
    void aRetryAfterHoldsTheHostEvenWithAdaptivePolitenessOffAndNoRetry() {
        var frontier = frontier(Duration.ZERO, 1, false, false);
        frontier.offer(CrawlUrl.of("http://a.test/1", 0));
        frontier.offer(CrawlUrl.of("http://a.test/2", 0));

        Lease first = frontier.poll().orElseThrow();
        frontier.sent(first);
        frontier.observed(first, response(first.url().url(), 503, Optional.of(Duration.ofSeconds(5))));
        frontier.fetched(first);
        frontier.complete(first, List.of());
        advance(Duration.ofMillis(4_999));
        assertThat(frontier.poll()).isEmpty();
        advance(Duration.ofMillis(1));
        Lease second = frontier.poll().orElseThrow();
        assertThat(second.url().url()).isEqualTo("http://a.test/2");
        frontier.sent(second);

        AuditReport report = frontier.politeness().orElseThrow();
        assertThat(report.polite()).as(report.verdict()).isTrue();
        assertThat(report.retryAfterHolds()).isEqualTo(1);
        assertThat(report.tightest()).map(AuditReport.Gap::gap).contains(Duration.ofSeconds(5));
    }

    @Test
    void aRetryAfterOverTheCapHoldsTheHostAsLongAsTheAuditAndAdaptivePolitenessSayNoLonger() {
        var frontier = frontier(Duration.ZERO, 1, false, true); // max-backoff 60 s
        frontier.offer(CrawlUrl.of("http://a.test/1", 0));
        frontier.offer(CrawlUrl.of("http://a.test/2", 0));

        Lease first = frontier.poll().orElseThrow();
        frontier.sent(first);
        frontier.observed(first, response(first.url().url(), 429, Optional.of(Duration.ofSeconds(120))));
        frontier.fetched(first);
        frontier.complete(first, List.of());
        advance(Duration.ofSeconds(60).minusNanos(1));
        assertThat(frontier.poll()).as("held until the capped Retry-After is over").isEmpty();
        advance(Duration.ofNanos(1));
        Lease second = frontier.poll().orElseThrow();
        frontier.sent(second);

        AuditReport report = frontier.politeness().orElseThrow();
        assertThat(report.polite()).as(report.verdict()).isTrue();
        assertThat(report.retryAfterHolds()).isEqualTo(1);
        assertThat(report.tightest()).map(AuditReport.Gap::gap).contains(Duration.ofSeconds(60));
        assertThat(frontier.slowed()).containsEntry("a.test", "429 x1, peak 60s, now 60s");
    }

    @Test
    void aSentFactSaysWhenItsRequestWasLeasedAndWhenItWentOut() {
        var frontier = frontier(Duration.ofMillis(100), 1, false, false);
        frontier.offer(CrawlUrl.of("http://a.test/1", 0));
        Lease lease = frontier.poll().orElseThrow();
        advance(Duration.ofMillis(30)); // waits for a connection
        frontier.sent(lease);
        frontier.fetched(lease);

        assertThat(trail.get(0)).isInstanceOfSatisfying(AuditEvent.Sent.class,
                s -> assertThat(s.at() - s.leased()).isEqualTo(Duration.ofMillis(30).toNanos()));
        assertThat(trail.get(1).at() - trail.get(0).at()).isZero();
    }

    @Test
    void aFrontierWhoseTrailIsAuditedElsewhereTellsEveryFactAndAuditsNone() {
        var frontier = frontier(Duration.ZERO, 1, false, false, MemoryFrontier.Auditor.TRAIL);
        frontier.offer(CrawlUrl.of("http://a.test/1", 0));
        Lease lease = frontier.poll().orElseThrow();
        frontier.sent(lease);
        frontier.observed(lease, response(lease.url().url(), 503, Optional.of(Duration.ofSeconds(5))));
        frontier.fetched(lease);

        assertThat(trail).extracting(e -> e.getClass().getSimpleName()).containsExactly("Sent", "Answered", "Ended");
        assertThat(frontier.politeness()).as("the coordinator audits a child's facts; the child does not").isEmpty();
    }

    @Test
    void aRequestThatNeverWentOutIsNoFact() {
        var frontier = frontier(Duration.ZERO, 2, false, true);
        frontier.offer(CrawlUrl.of("http://a.test/1", 0));
        frontier.offer(CrawlUrl.of("http://a.test/2", 0));

        Lease refused = frontier.poll().orElseThrow(); // its connect fails: nothing is sent
        Lease sent = frontier.poll().orElseThrow();
        frontier.sent(sent);
        frontier.fetched(refused);
        frontier.sent(sent); // told again: changes nothing
        frontier.fetched(sent);

        assertThat(trail).extracting(e -> e.getClass().getSimpleName()).containsExactly("Sent", "Ended");
        assertThat(trail).allSatisfy(e -> assertThat(e.toString()).contains("http://a.test/2"));
        assertThat(frontier.politeness().orElseThrow().requests()).isEqualTo(1);
    }

    @Test
    void robotsPagesAndAnswersAreToldInOrderWithTheFrontiersClock() {
        var frontier = frontier(Duration.ofMillis(100), 2, true, true);
        frontier.offer(CrawlUrl.of("http://a.test/1", 0));

        Lease robots = frontier.poll().orElseThrow();
        frontier.sent(robots);
        advance(Duration.ofMillis(10));
        frontier.robotsLoaded(robots, crawlDelay(Duration.ofSeconds(2)));
        advance(Duration.ofMillis(1_999));
        assertThat(frontier.poll()).isEmpty();
        advance(Duration.ofMillis(1));
        Lease page = frontier.poll().orElseThrow();
        advance(Duration.ofMillis(30)); // waits for a connection: its clock starts when it goes out
        frontier.sent(page);
        frontier.observed(page, response(page.url().url(), 200, Optional.empty()));
        frontier.fetched(page);

        assertThat(trail).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("Sent", "Ended", "Sent", "Answered", "Ended");
        assertThat(trail.get(0)).isInstanceOfSatisfying(AuditEvent.Sent.class, s -> {
            assertThat(s.kind()).isEqualTo(AuditEvent.Kind.ROBOTS);
            assertThat(s.url()).isEqualTo("http://a.test/robots.txt");
            assertThat(s.host()).isEqualTo("a.test");
        });
        assertThat(trail.get(1)).isInstanceOfSatisfying(AuditEvent.Ended.class,
                e -> assertThat(e.crawlDelay()).contains(Duration.ofSeconds(2)));
        assertThat(trail.get(2).at() - trail.get(1).at()).isEqualTo(Duration.ofMillis(2_030).toNanos());

        AuditReport report = frontier.politeness().orElseThrow();
        assertThat(report.polite()).as(report.verdict()).isTrue();
        assertThat(report.requests()).isEqualTo(2);
        assertThat(report.tightest()).map(AuditReport.Gap::required).contains(Duration.ofSeconds(2));
    }
}
