package dev.trawl.frontier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** A host's queue keeps each lease's time until its request goes out: the one record of a lease not yet sent. */
class HostQueueTest {
    private final HostQueue host = new HostQueue("a.test", 0, Duration.ofMillis(100), false, 0);
    private final Lease first = new Lease(CrawlUrl.of("http://a.test/1", 0), Lease.Kind.FETCH);
    private final Lease second = new Lease(CrawlUrl.of("http://a.test/2", 0), Lease.Kind.FETCH);

    @Test
    void aLeaseKeepsItsTimeUntilItsRequestGoesOutOnce() {
        host.leased(first, 1_000);
        assertThat(host.leasedAt(first)).isEqualTo(OptionalLong.of(1_000));
        assertThat(host.awaitingSend()).as("a delay: the next lease waits for this one to go out").isTrue();

        host.sent(first, 5_000);
        assertThat(host.leasedAt(first)).isEmpty();
        assertThat(host.awaitingSend()).isFalse();
        assertThat(host.nextAllowedNanos).as("the gap counts from the send").isEqualTo(5_000 + 100_000_000L);

        host.sent(first, 9_000); // told again: changes nothing
        assertThat(host.nextAllowedNanos).isEqualTo(5_000 + 100_000_000L);
        assertThat(host.inFlight).isEqualTo(1);
    }

    @Test
    void aLeaseEndedBeforeItsRequestWentOutIsForgottenWithItsTime() {
        host.leased(first, 1_000);
        host.leased(second, 2_000);

        host.ended(first, 3_000);

        assertThat(host.leasedAt(first)).isEmpty();
        assertThat(host.leasedAt(second)).isEqualTo(OptionalLong.of(2_000));
        assertThat(host.inFlight).isEqualTo(1);
    }
}
