package dev.trawl.frontier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.config.CrawlConfig;
import dev.trawl.config.ScopeKind;
import dev.trawl.robots.RobotsRules;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MemoryFrontierTest {
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    private MemoryFrontier frontier(Duration delay, int perHost, boolean robots, long maxPages, int maxDepth) {
        var politeness = new CrawlConfig.Politeness(delay, perHost, robots, "maximumSize=100", Duration.ofSeconds(10),
                Duration.ofSeconds(30), false, CrawlConfig.Politeness.DEFAULT_MAX_SITEMAP_URLS, CrawlConfig.Adaptive.DEFAULTS);
        var scope = new Scope(new CrawlConfig.Scope(ScopeKind.HOST, List.of(), List.of(Pattern.compile("/excluded/"))),
                List.of("http://a.test/", "http://b.test/"));
        return new MemoryFrontier(politeness, new CrawlConfig.Limits(maxPages, maxDepth), scope, 100, clock::get);
    }

    private static CrawlUrl url(String url) {
        return CrawlUrl.of(url, 0);
    }

    private void advance(Duration d) {
        clock.addAndGet(d.toNanos());
    }

    @Test
    void hostIsNotContactedAgainBeforeItsDelay() {
        var frontier = frontier(Duration.ofSeconds(1), 4, false, 100, 5);
        frontier.offer(url("http://a.test/1"));
        frontier.offer(url("http://a.test/2"));

        Lease first = frontier.poll().orElseThrow();
        assertThat(first.url().url()).isEqualTo("http://a.test/1");
        frontier.sent(first);
        assertThat(frontier.poll()).isEmpty();
        advance(Duration.ofMillis(999));
        assertThat(frontier.poll()).isEmpty();
        advance(Duration.ofMillis(1));
        assertThat(frontier.poll()).map(l -> l.url().url()).contains("http://a.test/2");
    }

    @Test
    void nextLeaseWaitsForTheFirstRequestToGoOutAndKeepsTheDelayFromThere() {
        var frontier = frontier(Duration.ofSeconds(1), 4, false, 100, 5);
        frontier.offer(url("http://a.test/1"));
        frontier.offer(url("http://a.test/2"));
        frontier.offer(url("http://b.test/1"));

        Lease first = frontier.poll().orElseThrow();
        assertThat(first.url().url()).isEqualTo("http://a.test/1");
        assertThat(frontier.poll()).map(l -> l.url().url()).as("other hosts are not held").contains("http://b.test/1");
        advance(Duration.ofSeconds(5)); // the request waits for a connection, a handshake, a thread
        assertThat(frontier.poll()).as("not while a.test/1 is unsent, though a delay has passed since its lease")
                .isEmpty();

        frontier.sent(first);
        assertThat(frontier.poll()).isEmpty();
        advance(Duration.ofMillis(999));
        assertThat(frontier.poll()).as("a delay from the send, not from the lease").isEmpty();
        advance(Duration.ofMillis(1));
        assertThat(frontier.poll()).map(l -> l.url().url()).contains("http://a.test/2");
    }

    @Test
    void aLeaseToldSentTwiceOrAfterItsEndMovesNothing() {
        var frontier = frontier(Duration.ofSeconds(1), 4, false, 100, 5);
        for (int i = 1; i <= 3; i++) {
            frontier.offer(url("http://a.test/" + i));
        }
        Lease first = frontier.poll().orElseThrow();
        frontier.sent(first);
        advance(Duration.ofMillis(600));
        frontier.sent(first);
        advance(Duration.ofMillis(400));
        Lease second = frontier.poll().orElseThrow();
        assertThat(second.url().url()).as("the first send started the clock").isEqualTo("http://a.test/2");

        frontier.fetched(first);
        frontier.sent(second);
        advance(Duration.ofMillis(999));
        frontier.sent(first);
        advance(Duration.ofMillis(1));
        assertThat(frontier.poll()).map(l -> l.url().url()).contains("http://a.test/3");
    }

    @Test
    void aLeaseThatEndsUnsentHoldsTheHostUntilItsEndAndTheDelayRunsFromThere() {
        var frontier = frontier(Duration.ofSeconds(1), 4, false, 100, 5);
        frontier.offer(url("http://a.test/1"));
        frontier.offer(url("http://a.test/2"));
        Lease refused = frontier.poll().orElseThrow();
        advance(Duration.ofSeconds(3));
        assertThat(frontier.poll()).isEmpty();

        frontier.retry(refused, Duration.ZERO, "connect");

        assertThat(frontier.poll()).isEmpty();
        advance(Duration.ofSeconds(1));
        assertThat(frontier.poll()).map(l -> l.url().url()).as("the retry, first in line").contains("http://a.test/1");
    }

    @Test
    void withoutADelayLeasesToAHostGoOutTogetherUnsent() {
        var frontier = frontier(Duration.ZERO, 4, false, 100, 5);
        for (int i = 0; i < 5; i++) {
            frontier.offer(url("http://a.test/" + i));
        }

        List<Lease> leases = java.util.stream.Stream.generate(frontier::poll).limit(5)
                .flatMap(Optional::stream).toList();

        assertThat(leases).as("up to the cap of 4, none sent yet").hasSize(4);
        frontier.sent(leases.get(0));
        assertThat(frontier.poll()).as("the cap still holds").isEmpty();
        frontier.fetched(leases.get(1));
        assertThat(frontier.poll()).map(l -> l.url().url()).contains("http://a.test/4");
    }

    @Test
    void aGapFromAdaptivePolitenessHoldsAHostWhoseLeaseIsUnsent() {
        var frontier = frontier(Duration.ZERO, 4, false, 100, 5);
        for (int i = 0; i < 3; i++) {
            frontier.offer(url("http://a.test/" + i));
        }
        Lease busy = frontier.poll().orElseThrow();
        frontier.sent(busy);
        Lease waiting = frontier.poll().orElseThrow();

        frontier.observed(busy, new dev.trawl.fetch.FetchResult.Fetched(busy.url().url(), java.time.Instant.EPOCH,
                Duration.ofMillis(5), 503, Optional.empty(), Optional.empty(), new byte[0], false, Optional.empty(),
                Optional.empty(), 0));
        frontier.retry(busy, Duration.ZERO, "status 503");

        assertThat(frontier.poll()).as("a 503 widened the gap: no lease while %s is unsent", waiting.url().url())
                .isEmpty();
        frontier.sent(waiting);
        assertThat(frontier.poll()).isEmpty();
        advance(Duration.ofSeconds(1));
        assertThat(frontier.poll()).as("a step of 1 s from the send").isPresent();
    }

    @Test
    void aDisallowedLeaseCannotBeSent() {
        var frontier = frontier(Duration.ZERO, 1, true, 100, 5);
        frontier.offer(url("http://a.test/private"));
        frontier.robotsLoaded(frontier.poll().orElseThrow(), rules(u -> false, Duration.ZERO));
        Lease skip = frontier.poll().orElseThrow();

        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> frontier.sent(skip));
    }

    @Test
    void hostNeverExceedsItsConcurrencyCap() {
        var frontier = frontier(Duration.ZERO, 2, false, 100, 5);
        for (int i = 0; i < 3; i++) {
            frontier.offer(url("http://a.test/" + i));
        }
        Lease first = frontier.poll().orElseThrow();
        frontier.poll().orElseThrow();
        assertThat(frontier.poll()).isEmpty();
        frontier.fetched(first);
        assertThat(frontier.poll()).map(l -> l.url().url()).contains("http://a.test/2");
    }

    @Test
    void otherHostsAreServedWhileOneWaits() {
        var frontier = frontier(Duration.ofSeconds(5), 1, false, 100, 5);
        frontier.offer(url("http://a.test/1"));
        frontier.offer(url("http://a.test/2"));
        frontier.offer(url("http://b.test/1"));
        Lease a1 = frontier.poll().orElseThrow();
        frontier.fetched(a1);
        assertThat(frontier.poll()).map(l -> l.url().url()).contains("http://b.test/1");
    }

    @Test
    void robotsAreLoadedFirstAndCrawlDelayRaisesTheDelay() {
        var frontier = frontier(Duration.ofMillis(100), 4, true, 100, 5);
        frontier.offer(url("http://a.test/1"));
        frontier.offer(url("http://a.test/2"));

        Lease robots = frontier.poll().orElseThrow();
        assertThat(robots.kind()).isEqualTo(Lease.Kind.ROBOTS);
        assertThat(frontier.poll()).as("nothing while robots.txt loads").isEmpty();
        advance(Duration.ofMillis(300));
        frontier.sent(robots);
        frontier.robotsLoaded(robots, rules(url -> true, Duration.ofSeconds(2)));

        advance(Duration.ofMillis(1999));
        assertThat(frontier.poll()).as("robots.txt request counts; Crawl-delay 2s applies from when it was sent")
                .isEmpty();
        advance(Duration.ofMillis(1));
        Lease fetch = frontier.poll().orElseThrow();
        assertThat(fetch.kind()).isEqualTo(Lease.Kind.FETCH);
        frontier.sent(fetch);
        advance(Duration.ofSeconds(1));
        assertThat(frontier.poll()).isEmpty();
        advance(Duration.ofSeconds(1));
        assertThat(frontier.poll()).isPresent();
    }

    @Test
    void crawlDelayIsCappedByMaxCrawlDelay() {
        var frontier = frontier(Duration.ZERO, 1, true, 100, 5);
        frontier.offer(url("http://a.test/1"));
        Lease robots = frontier.poll().orElseThrow();
        frontier.robotsLoaded(robots, rules(url -> true, Duration.ofHours(1)));
        advance(Duration.ofSeconds(30));
        assertThat(frontier.poll()).isPresent();
    }

    @Test
    void disallowedUrlIsLeasedAsSkipWithoutTakingASlotOrTheClock() {
        var frontier = frontier(Duration.ofSeconds(1), 1, true, 100, 5);
        frontier.offer(url("http://a.test/private/x"));
        frontier.offer(url("http://a.test/public"));
        frontier.robotsLoaded(frontier.poll().orElseThrow(), rules(u -> !u.contains("/private/"), Duration.ZERO));
        advance(Duration.ofSeconds(1));

        Lease skip = frontier.poll().orElseThrow();
        assertThat(skip.kind()).isEqualTo(Lease.Kind.DISALLOWED);
        frontier.complete(skip, List.of());
        assertThat(frontier.poll()).map(Lease::kind).contains(Lease.Kind.FETCH);
    }

    @Test
    void unreachableRobotsAreAskedAgainThenTheHostIsGivenUp() {
        var frontier = frontier(Duration.ZERO, 1, true, 100, 5);
        frontier.offer(url("http://a.test/1"));
        for (int i = 1; i < MemoryFrontier.MAX_ROBOTS_ATTEMPTS; i++) {
            Lease robots = frontier.poll().orElseThrow();
            assertThat(robots.kind()).isEqualTo(Lease.Kind.ROBOTS);
            frontier.robotsLoaded(robots, RobotsRules.unreachable(Duration.ofMinutes(1)));
            assertThat(frontier.poll()).isEmpty();
            advance(Duration.ofMinutes(1));
        }
        frontier.robotsLoaded(frontier.poll().orElseThrow(), RobotsRules.unreachable(Duration.ofMinutes(1)));
        assertThat(frontier.poll()).map(Lease::kind).contains(Lease.Kind.DISALLOWED);
    }

    @Test
    void deadHostSaysWhyItWaitsAndItsUrlsCarryTheNetworkCause() {
        var frontier = frontier(Duration.ZERO, 1, true, 100, 5);
        frontier.offer(url("http://a.test/1"));
        RobotsRules refused = RobotsRules.unreachable(Duration.ofSeconds(2), "connect: could not connect to a.test:80",
                Optional.of(dev.trawl.fetch.FailureKind.CONNECT));

        frontier.robotsLoaded(frontier.poll().orElseThrow(), refused);

        assertThat(frontier.waiting()).singleElement().satisfies(wait -> {
            assertThat(wait.host()).isEqualTo("a.test");
            assertThat(wait.why()).isEqualTo("robots.txt connect: could not connect to a.test:80 (try 2 of 3)");
            assertThat(wait.left()).isEqualTo(Duration.ofSeconds(2));
        });
        for (int i = 2; i <= MemoryFrontier.MAX_ROBOTS_ATTEMPTS; i++) {
            advance(Duration.ofSeconds(2));
            frontier.robotsLoaded(frontier.poll().orElseThrow(), refused);
        }
        Lease skip = frontier.poll().orElseThrow();
        assertThat(skip.kind()).isEqualTo(Lease.Kind.DISALLOWED);
        assertThat(skip.cause()).contains(dev.trawl.fetch.FailureKind.CONNECT);
        assertThat(skip.reason()).contains("robots.txt unreachable (connect: could not connect");
        assertThat(frontier.waiting()).isEmpty();
    }

    @Test
    void retryWaitIsShownWithItsReason() {
        var frontier = frontier(Duration.ZERO, 1, false, 100, 5);
        frontier.offer(url("http://a.test/1"));

        frontier.retry(frontier.poll().orElseThrow(), Duration.ofSeconds(30), "status 503, Retry-After 30s");

        assertThat(frontier.waiting()).singleElement().satisfies(wait -> {
            assertThat(wait.why()).isEqualTo("status 503, Retry-After 30s, retrying http://a.test/1");
            assertThat(wait.left()).isEqualTo(Duration.ofSeconds(30));
        });
    }

    @Test
    void eachUrlIsAdmittedOnceAndScopeDepthAreEnforced() {
        var frontier = frontier(Duration.ZERO, 1, false, 100, 2);
        assertThat(frontier.offer(url("http://a.test/x"))).isEqualTo(Admission.ADMITTED);
        assertThat(frontier.offer(url("http://a.test/x"))).isEqualTo(Admission.DUPLICATE);
        assertThat(frontier.offer(CrawlUrl.of("http://c.test/x", 1))).isEqualTo(Admission.OUT_OF_SCOPE);
        assertThat(frontier.offer(CrawlUrl.of("http://a.test/excluded/x", 1))).isEqualTo(Admission.OUT_OF_SCOPE);
        assertThat(frontier.offer(CrawlUrl.of("http://a.test/deep", 3))).isEqualTo(Admission.TOO_DEEP);
        assertThat(frontier.offer(CrawlUrl.of("http://a.test/deep", 2))).isEqualTo(Admission.ADMITTED);
    }

    @Test
    void seedIsAlwaysAdmittedButWhatItRedirectsToObeysTheRules() {
        var frontier = frontier(Duration.ZERO, 1, false, 100, 2);
        CrawlUrl seed = url("http://a.test/excluded/seed");

        assertThat(frontier.offer(seed)).isEqualTo(Admission.ADMITTED);
        assertThat(frontier.offer(seed.redirectTo("http://a.test/excluded/elsewhere"))).isEqualTo(Admission.OUT_OF_SCOPE);
    }

    @Test
    void pageBudgetLeavesTheRestUnfetchedAndEndsTheCrawl() {
        var frontier = frontier(Duration.ZERO, 4, false, 2, 5);
        for (int i = 0; i < 5; i++) {
            frontier.offer(url("http://a.test/" + i));
        }
        Lease one = frontier.poll().orElseThrow();
        Lease two = frontier.poll().orElseThrow();
        assertThat(frontier.poll()).isEmpty();
        assertThat(frontier.snapshot().droppedOverBudget()).isEqualTo(3);
        assertThat(frontier.offer(url("http://a.test/late"))).isEqualTo(Admission.OVER_BUDGET);
        for (Lease lease : List.of(one, two)) {
            frontier.fetched(lease);
            frontier.complete(lease, List.of());
        }
        assertThat(frontier.isFinished()).isTrue();
        assertThat(frontier.snapshot().droppedOverBudget()).isEqualTo(4);
    }

    @Test
    void aDisallowedUrlGivesItsPlaceInTheBudgetToAWaitingOne() {
        var frontier = frontier(Duration.ZERO, 4, true, 1, 5);
        frontier.offer(url("http://a.test/private/x"));
        assertThat(frontier.offer(url("http://a.test/public"))).isEqualTo(Admission.OVER_BUDGET);
        frontier.robotsLoaded(frontier.poll().orElseThrow(), rules(u -> !u.contains("/private/"), Duration.ZERO));

        Lease skip = frontier.poll().orElseThrow();
        assertThat(skip.kind()).isEqualTo(Lease.Kind.DISALLOWED);
        frontier.complete(skip, List.of());

        Lease fetch = frontier.poll().orElseThrow();
        assertThat(fetch.kind()).isEqualTo(Lease.Kind.FETCH);
        assertThat(fetch.url().url()).isEqualTo("http://a.test/public");
        frontier.fetched(fetch);
        frontier.complete(fetch, List.of("http://a.test/more"));
        assertThat(frontier.isFinished()).isTrue();
        assertThat(frontier.snapshot().droppedOverBudget()).isEqualTo(1);
    }

    @Test
    void retryWaitsItsTurnAndCountsTheAttempt() {
        var frontier = frontier(Duration.ZERO, 1, false, 1, 5);
        frontier.offer(url("http://a.test/1"));
        Lease first = frontier.poll().orElseThrow();
        frontier.retry(first, Duration.ofSeconds(3));
        assertThat(frontier.poll()).isEmpty();
        advance(Duration.ofSeconds(3));
        Lease second = frontier.poll().orElseThrow();
        assertThat(second.url().attempt()).isEqualTo(1);
        assertThat(frontier.snapshot().outstanding()).as("a retry is the same page").isEqualTo(1);
    }

    @Test
    void nextReturnsEmptyToEveryWaiterWhenTheLastUrlCompletes() throws Exception {
        var frontier = frontier(Duration.ZERO, 1, false, 100, 5);
        frontier.offer(url("http://a.test/1"));
        Lease lease = frontier.next().orElseThrow();
        var waiter = new java.util.concurrent.CompletableFuture<Optional<Lease>>();
        Thread.ofVirtual().start(() -> {
            try {
                waiter.complete(frontier.next());
            } catch (InterruptedException e) {
                waiter.completeExceptionally(e);
            }
        });
        frontier.fetched(lease);
        frontier.complete(lease, List.of());
        assertThat(waiter.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEmpty();
        assertThat(frontier.isFinished()).isTrue();
    }

    private static RobotsRules rules(java.util.function.Predicate<String> allows, Duration crawlDelay) {
        return new RobotsRules() {
            @Override
            public boolean allows(String url) {
                return allows.test(url);
            }

            @Override
            public Optional<Duration> crawlDelay() {
                return crawlDelay.isZero() ? Optional.empty() : Optional.of(crawlDelay);
            }

            @Override
            public Optional<Duration> retryAfter() {
                return Optional.empty();
            }
        };
    }
}
