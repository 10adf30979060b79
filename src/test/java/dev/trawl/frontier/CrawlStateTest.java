package dev.trawl.frontier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CrawlStateTest {

    private static Transition.Offer offer(String path, int depth) {
        return new Transition.Offer(CrawlUrl.of("http://a.test/" + path, depth));
    }

    private static Transition.Complete done(String path, String... links) {
        return new Transition.Complete("http://a.test/" + path, true,
                java.util.Arrays.stream(links).map(l -> "http://a.test/" + l).toList());
    }

    private static List<String> urls(List<CrawlUrl> urls) {
        return urls.stream().map(u -> u.url().substring("http://a.test/".length()) + "@" + u.depth()).toList();
    }

    @Test
    void aUrlIsAdmittedOnceAndItsLinksOneHopDeeper() {
        CrawlState state = new CrawlState(100, 5);
        assertThat(state.apply(offer("", 0)).verdict()).isEqualTo(Admission.ADMITTED);
        assertThat(state.apply(offer("", 0)).verdict()).isEqualTo(Admission.DUPLICATE);

        CrawlState.Effect effect = state.apply(done("", "a", "b", "a"));

        assertThat(urls(effect.admitted())).containsExactly("a@1", "b@1");
        assertThat(state.outstanding()).isEqualTo(2);
        assertThat(state.seen()).isEqualTo(3);
    }

    @Test
    void aQueuedUrlFoundShallowerTakesTheSmallerDepth() {
        CrawlState state = new CrawlState(100, 5);
        state.apply(offer("deep", 4));

        CrawlState.Effect effect = state.apply(offer("deep", 1));

        assertThat(effect.verdict()).isEqualTo(Admission.DUPLICATE);
        assertThat(urls(effect.improved())).containsExactly("deep@1");
        assertThat(state.current("http://a.test/deep")).map(CrawlUrl::depth).contains(1);
    }

    @Test
    void aDonePageFoundShallowerOffersItsLinksAgainAndWhatWasTooDeepComesIn() {
        // seed -> slow -> d ; seed -> b -> c -> d ; d -> e. max depth 3: d is at 2 via slow, e at 3.
        CrawlState state = new CrawlState(100, 3);
        state.apply(offer("", 0));
        state.apply(done("", "slow", "b"));
        state.apply(new Transition.Lease("http://a.test/slow"));
        state.apply(done("b", "c"));
        assertThat(urls(state.apply(done("c", "d")).admitted())).containsExactly("d@3");
        assertThat(state.apply(done("d", "e")).admitted()).as("e at 4 is too deep").isEmpty();

        CrawlState.Effect effect = state.apply(done("slow", "d"));

        assertThat(urls(effect.admitted())).containsExactly("e@3");
        state.apply(done("e"));
        assertThat(state.isIdle()).isTrue();
    }

    @Test
    void linksOfPagesThatCanNoLongerGetShallowerAreForgotten() {
        CrawlState state = new CrawlState(100, 10);
        state.apply(offer("", 0));
        state.apply(done("", "a"));
        state.apply(done("a", "b"));
        state.apply(done("b", "c"));

        // nothing is open shallower than c (3): b (2) and a (1) are final, a shorter path cannot appear
        assertThat(urls(state.apply(offer("b", 1)).admitted())).isEmpty();
        assertThat(state.outstanding()).isEqualTo(1);
    }

    @Test
    void theBudgetCountsFetchesAndAnUnfetchedUrlGivesItsPlaceToAWaitingOne() {
        CrawlState state = new CrawlState(2, 5);
        state.apply(offer("1", 0));
        state.apply(offer("2", 0));
        assertThat(state.apply(offer("3", 0)).verdict()).isEqualTo(Admission.OVER_BUDGET);
        assertThat(state.apply(offer("4", 0)).verdict()).isEqualTo(Admission.OVER_BUDGET);
        assertThat(state.apply(offer("5", 0)).verdict()).as("no more wait than could get a place")
                .isEqualTo(Admission.OVER_BUDGET);
        assertThat(state.droppedOverBudget()).isEqualTo(3);

        CrawlState.Effect disallowed = state.apply(new Transition.Complete("http://a.test/1", false, List.of()));
        assertThat(urls(disallowed.admitted())).containsExactly("3@0");

        state.apply(done("2"));
        state.apply(done("3"));
        assertThat(state.isIdle()).isTrue();
        assertThat(state.droppedOverBudget()).as("4 waited in vain, 5 never could").isEqualTo(2);
    }

    @Test
    void aRecordOfAUrlNotOutstandingChangesNothing() {
        CrawlState state = new CrawlState(100, 5);
        state.apply(offer("", 0));
        state.apply(done("", "a"));

        assertThat(state.apply(done("", "b")).admitted()).isEmpty();
        assertThat(state.apply(done("never-offered", "c")).admitted()).isEmpty();
        assertThat(state.outstanding()).isEqualTo(1);
    }

    @Test
    void fingerprintsOfNearbyUrlsDiffer() {
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertThat(seen.add(Fingerprint.of("http://a.test/page/" + i))).isTrue();
        }
        assertThat(Fingerprint.of("")).isNotZero();
    }

    @Test
    void aRetryCountsTheAttemptAndIsJournaledSoThatAReplayKeepsTheCount() {
        CrawlState state = new CrawlState(100, 5);
        List<Transition> journal = new java.util.ArrayList<>();
        state.journalTo(journal::add);
        state.apply(offer("", 0));
        state.apply(done("", "x"));
        state.apply(new Transition.Lease("http://a.test/x"));
        state.apply(new Transition.Retry("http://a.test/x"));
        state.apply(new Transition.Lease("http://a.test/x"));
        state.apply(new Transition.Retry("http://a.test/x"));
        state.apply(new Transition.Retry("http://a.test/gone")); // not outstanding: nothing to count

        assertThat(state.current("http://a.test/x")).map(CrawlUrl::attempt).contains(2);
        assertThat(journal).filteredOn(t -> t instanceof Transition.Retry).hasSize(2);
        assertThat(journal).noneMatch(t -> t instanceof Transition.Lease);

        CrawlState replayed = new CrawlState(100, 5);
        journal.forEach(replayed::apply);
        assertThat(replayed.openUrls()).extracting(CrawlUrl::url, CrawlUrl::attempt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("http://a.test/x", 2));
    }

    @Test
    void trapBudgetsSurviveASnapshotAndAReplayCountingWhatWasFetchedNotWhatWasInFlight() throws Exception {
        dev.trawl.config.CrawlConfig.Limits limits = new dev.trawl.config.CrawlConfig.Limits(100, 5,
                new dev.trawl.config.CrawlConfig.Traps(50, 2, 2048, 32, 3, List.of(), true));
        CrawlState state = new CrawlState(limits);
        List<Transition> journal = new java.util.ArrayList<>();
        state.journalTo(journal::add);
        state.apply(offer("", 0));
        assertThat(state.lease(CrawlUrl.of("http://a.test/", 0))).isEmpty();
        state.apply(done("", "a", "b", "c", "d"));
        assertThat(state.lease(CrawlUrl.of("http://a.test/a", 1))).isEmpty();
        state.apply(done("a"));
        assertThat(state.lease(CrawlUrl.of("http://a.test/b", 1))).as("the third page of the host").isEmpty();
        assertThat(state.lease(CrawlUrl.of("http://a.test/c", 1))).hasValueSatisfying(stop ->
                assertThat(stop.kind()).isEqualTo(dev.trawl.fetch.FailureKind.TRAP_PAGES_PER_HOST));

        // b is in flight when the state is written, and when the journal ends: after either, it is to do again
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        state.writeTo(new java.io.DataOutputStream(bytes));
        CrawlState restored = CrawlState.readFrom(
                new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())), limits);
        CrawlState replayed = new CrawlState(limits);
        journal.forEach(replayed::apply);

        for (CrawlState resumed : List.of(restored, replayed)) {
            assertThat(resumed.lease(CrawlUrl.of("http://a.test/b", 1))).as("b is counted again, as the third").isEmpty();
            assertThat(resumed.lease(CrawlUrl.of("http://a.test/c", 1))).isPresent();
        }
        assertThat(state.lease(CrawlUrl.of("http://a.test/b", 1))).as("a lease counts a URL once").isEmpty();
        state.apply(new Transition.Release("http://a.test/b"));
        assertThat(state.lease(CrawlUrl.of("http://a.test/d", 1))).as("a released URL's count is given back").isEmpty();
    }
}
