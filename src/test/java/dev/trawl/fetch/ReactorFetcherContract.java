package dev.trawl.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;

/** The fetcher contract run against {@link ReactorFetcher}: the same tests, on HttpClient 5's reactor. */
abstract class ReactorFetcherContract extends FetcherContract {

    @Override
    Fetcher newFetcher(dev.trawl.config.CrawlConfig.Fetch config, Optional<WireTap> tap) {
        ReactorFetcherFactory factory = ReactorFetcherFactory.create(config).dns(new FakeDns())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
        tap.ifPresent(factory::wireTap);
        return factory.build();
    }

    /** The pool gets a connection back just after the exchange's future completes, so wait for it briefly. */
    @Override
    void assertNoConnectionInUse() {
        ReactorFetcher reactor = (ReactorFetcher) fetcher;
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(reactor.leasedConnections()).as("connections still in use").isZero());
    }
}
