package dev.trawl.mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trawl.fetch.FetchResult;
import dev.trawl.frontier.CrawlUrl;
import dev.trawl.frontier.Lease;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HandoffQueueTest {

    private static Handoff page(String url, int bodyBytes) {
        FetchResult.Fetched fetched = new FetchResult.Fetched(url, Instant.EPOCH, Duration.ZERO, 200,
                Optional.of("text/html"), Optional.empty(), new byte[bodyBytes], true, Optional.empty(),
                Optional.empty(), bodyBytes);
        return new Handoff(new Lease(CrawlUrl.of(url, 0), Lease.Kind.FETCH), new Handoff.Outcome.Unparsed(fetched));
    }

    @Test
    void aProducerWaitsWhenTheBytesAreSpentThoughCountsRemain() throws Exception {
        HandoffQueue queue = new HandoffQueue(100, 50_000);
        queue.put(page("http://a.test/1", 30_000));
        Thread second = Thread.ofPlatform().start(() -> {
            try {
                queue.put(page("http://a.test/2", 30_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> second.getState() == Thread.State.WAITING);
        assertThat(queue.size()).isEqualTo(1);

        assertThat(queue.take().lease().url().url()).isEqualTo("http://a.test/1");
        second.join(10_000);
        assertThat(second.isAlive()).isFalse();
        assertThat(queue.take().lease().url().url()).isEqualTo("http://a.test/2");
    }

    @Test
    void aHandoffLargerThanTheBudgetStillPassesAlone() throws Exception {
        HandoffQueue queue = new HandoffQueue(4, 10_000);
        queue.put(page("http://a.test/big", 1 << 20));
        assertThat(queue.take().lease().url().url()).isEqualTo("http://a.test/big");
        queue.put(page("http://a.test/big2", 1 << 20));
        assertThat(queue.size()).isEqualTo(1);
    }

    @Test
    void theBudgetIsAnEighthOfTheHeapWithinSaneLimits() {
        assertThat(HandoffQueue.byteBudgetFor(256L << 20)).isEqualTo(32 << 20);
        assertThat(HandoffQueue.byteBudgetFor(1L << 20)).isEqualTo(1 << 20);
        assertThat(HandoffQueue.byteBudgetFor(64L << 30)).isEqualTo(1 << 30);
    }
}
