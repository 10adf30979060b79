package dev.trawl.mode.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trawl.config.ConfigLoader;
import dev.trawl.config.ConfigOverride;
import dev.trawl.config.CrawlConfig;
import dev.trawl.frontier.Admission;
import dev.trawl.frontier.CrawlUrl;
import dev.trawl.frontier.Lease;
import dev.trawl.frontier.MemoryFrontier;
import dev.trawl.frontier.Scope;
import dev.trawl.robots.RobotsRules;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RoutingFrontierTest {

    private final CrawlConfig config = Worker.childConfig(
            ConfigLoader.load(Optional.empty(), List.of(ConfigOverride.of("politeness.delay", "0"))));
    private final Scope scope = new Scope(config.scope(), List.of("http://a.test/"));
    private final List<CrawlUrl> sent = new CopyOnWriteArrayList<>();
    private final List<String> retried = new CopyOnWriteArrayList<>();
    private final RoutingFrontier frontier = new RoutingFrontier(
            new MemoryFrontier(config.politeness(), config.limits(), scope, 8, System::nanoTime), scope, 2, sent::add,
            (record, links) -> { }, retried::add);

    @Test
    void foundUrlsInScopeAndDepthGoToTheCoordinator() {
        assertThat(frontier.offer(CrawlUrl.of("http://a.test/x", 2))).isEqualTo(Admission.ADMITTED);
        assertThat(frontier.offer(CrawlUrl.of("http://a.test/y", 3))).isEqualTo(Admission.TOO_DEEP);
        assertThat(frontier.offer(CrawlUrl.of("http://b.test/", 1))).isEqualTo(Admission.OUT_OF_SCOPE);

        assertThat(sent).extracting(CrawlUrl::url).containsExactly("http://a.test/x");
        assertThat(frontier.snapshot().outstanding()).isZero();
    }

    @Test
    void assignedUrlsAreLeasedHereAndTheCrawlWaitsForTheEnd() throws InterruptedException {
        assertThat(frontier.assign(CrawlUrl.of("http://a.test/x", 0))).isEqualTo(Admission.ADMITTED);

        Lease robots = frontier.next().orElseThrow();
        assertThat(robots.kind()).isEqualTo(Lease.Kind.ROBOTS);
        frontier.robotsLoaded(robots, RobotsRules.ALLOW_ALL);
        Lease sitemap = frontier.poll().orElseThrow();
        assertThat(sitemap.kind()).as("a seed host's sitemap, before its pages").isEqualTo(Lease.Kind.SITEMAP);
        assertThat(sitemap.url().url()).isEqualTo("http://a.test/sitemap.xml");
        assertThat(frontier.poll()).as("the seed waits for the sitemaps").isEmpty();
        frontier.sitemapLoaded(sitemap, List.of(), List.of("http://a.test/listed", "http://b.test/elsewhere"));
        assertThat(sent).as("listed pages go to the coordinator like links, one hop from the seed, if in scope")
                .containsExactly(CrawlUrl.of("http://a.test/listed", 1));
        Lease fetch = frontier.poll().orElseThrow();
        assertThat(fetch.url().url()).isEqualTo("http://a.test/x");
        frontier.fetched(fetch);
        frontier.complete(fetch, List.of());
        assertThat(frontier.isFinished()).as("kept open for the coordinator's URLs").isFalse();

        frontier.endWhenIdle();
        assertThat(frontier.isFinished()).isTrue();
        assertThat(frontier.next()).isEmpty();
    }

    @Test
    void afterStopFoundUrlsAreRefused() {
        frontier.stop();
        assertThat(frontier.offer(CrawlUrl.of("http://a.test/x", 1))).isEqualTo(Admission.STOPPED);
        assertThat(sent).isEmpty();
    }

    @Test
    void aRetryIsToldToTheCoordinatorAndTheNextLeaseIsTheNextAttempt() throws InterruptedException {
        frontier.assign(CrawlUrl.of("http://a.test/x", 1));
        frontier.robotsLoaded(frontier.next().orElseThrow(), RobotsRules.ALLOW_ALL);
        Lease fetch = frontier.poll().orElseThrow();

        frontier.retry(fetch, java.time.Duration.ZERO, "status 503");

        assertThat(retried).containsExactly("http://a.test/x");
        assertThat(frontier.next().orElseThrow().url().attempt()).isEqualTo(1);
    }
}
