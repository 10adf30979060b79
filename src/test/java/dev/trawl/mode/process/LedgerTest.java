package dev.trawl.mode.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.config.CrawlConfig;
import dev.trawl.frontier.CrawlUrl;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LedgerTest {

    private final HostSharder sharder = new HostSharder(2);
    private final Ledger<String> ledger = new Ledger<>(sharder, new CrawlConfig.Limits(3, 5), 1);
    private final CrawlUrl a = CrawlUrl.of("http://127.0.0.1:8080/", 0);
    private final CrawlUrl b = CrawlUrl.of("http://127.0.0.1:8081/", 0);

    @BeforeEach
    void serveBothWorkers() {
        ledger.serve(0, "w0");
        ledger.serve(1, "w1");
    }

    @Test
    void eachUrlGoesToTheOwnerOfItsHostOnce() {
        assertThat(ledger.assign(a)).extracting(Ledger.Send::to).containsExactly("w" + sharder.shardOf(a.host()));
        assertThat(ledger.assign(b)).extracting(Ledger.Send::to).containsExactly("w" + sharder.shardOf(b.host()));
        assertThat(ledger.assign(a.redirectTo(a.url()))).isEmpty();
        assertThat(ledger.figures().outstanding()).isEqualTo(2);
    }

    @Test
    void urlsPastThePageBudgetAreDroppedAndCounted() {
        for (int i = 0; i < 5; i++) {
            ledger.assign(CrawlUrl.of("http://127.0.0.1:8080/" + i, 1));
        }
        ledger.assign(CrawlUrl.of("http://127.0.0.1:8080/4", 1));

        assertThat(ledger.figures().outstanding()).isEqualTo(3);
        assertThat(ledger.figures().droppedOverBudget()).isEqualTo(2);
    }

    @Test
    void theCrawlEndsOnceWhenTheLastRecordArrives() {
        int owner = sharder.shardOf(a.host());
        ledger.assign(a);
        assertThat(ledger.endIfIdle()).isEmpty();
        assertThat(ledger.recorded(1 - owner, a.url(), true, List.of())).isEmpty();
        assertThat(ledger.recorded(owner, a.url(), true, List.of())).isPresent();
        assertThat(ledger.recorded(owner, a.url(), true, List.of())).isEmpty();

        assertThat(ledger.endIfIdle()).containsExactly("w0", "w1");
        assertThat(ledger.endIfIdle()).isEmpty();
    }

    @Test
    void aReplacementTakesOverTheUnfinishedUrlsUntilTheRestartLimit() {
        int owner = sharder.shardOf(a.host());
        ledger.assign(a);

        assertThat(ledger.exited(owner, false)).isEqualTo(Ledger.Verdict.RESTART);
        Ledger.Takeover takeover = ledger.serve(owner, "w" + owner + "'");
        assertThat(takeover.unfinished()).containsExactly(a);
        assertThat(takeover.stop()).isFalse();
        assertThat(ledger.assign(CrawlUrl.of("http://127.0.0.1:8080/x", 1))).extracting(Ledger.Send::to)
                .singleElement().isIn("w0", "w1", "w" + owner + "'");
        assertThat(ledger.exited(owner, false)).isEqualTo(Ledger.Verdict.GIVE_UP);
    }

    @Test
    void linksComeWithTheirPageAndAShorterPathSendsAUrlAgainAtItsNewDepth() {
        int owner = sharder.shardOf(a.host());
        ledger.assign(a);
        List<Ledger.Send<String>> sends = ledger.recorded(owner, a.url(), true,
                List.of("http://127.0.0.1:8080/x", "http://127.0.0.1:8081/y")).orElseThrow();
        assertThat(sends).extracting(s -> s.url().url() + "@" + s.url().depth())
                .containsExactly("http://127.0.0.1:8080/x@1", "http://127.0.0.1:8081/y@1");

        assertThat(ledger.assign(CrawlUrl.of("http://127.0.0.1:8081/y", 3))).isEmpty();
        assertThat(ledger.assign(CrawlUrl.of("http://127.0.0.1:8081/y", 0))).extracting(s -> s.url().depth())
                .containsExactly(0);
    }

    @Test
    void afterStopNothingIsAssignedAndExitsAreFinal() {
        assertThat(ledger.stop()).containsExactly("w0", "w1");
        assertThat(ledger.stop()).isEmpty();
        assertThat(ledger.assign(a)).isEmpty();
        assertThat(ledger.exited(0, false)).isEqualTo(Ledger.Verdict.DONE);
        assertThat(ledger.figures().stopping()).isTrue();
    }

    @Test
    void aRetryIsCountedInTheStateAndAReplacementGetsTheUrlAtItsAttempt() {
        int owner = sharder.shardOf(a.host());
        ledger.assign(a);
        ledger.retrying(owner, a.url());
        ledger.retrying(owner, a.url());
        ledger.retrying(1 - owner, a.url()); // not outstanding there: a stray

        assertThat(ledger.exited(owner, false)).isEqualTo(Ledger.Verdict.RESTART);
        assertThat(ledger.serve(owner, "w" + owner + "'").unfinished()).extracting(CrawlUrl::attempt).containsExactly(2);
        assertThat(ledger.resume()).extracting(send -> send.url().attempt()).containsExactly(2);
    }
}
