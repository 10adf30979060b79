package dev.trawl.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rate over a share of a crawl's pages, read from its samples. */
class CrawlFiguresTest {

    @Test
    void theMiddleOfACrawlLeavesOutItsRampAndItsTail() {
        // 1 s of nothing, 1 s at 100 pages/s, 5 s at 1,000 pages/s, then 1 s at 100 pages/s: 5,200 pages
        List<CrawlFigures.Sample> samples = new ArrayList<>();
        for (long ms = 0; ms <= 8_000; ms += 100) {
            long pages = ms <= 1_000 ? 0 : ms <= 2_000 ? (ms - 1_000) / 10 : ms <= 7_000 ? 100 + (ms - 2_000)
                    : 5_100 + (ms - 7_000) / 10;
            samples.add(new CrawlFigures.Sample(ms, pages));
        }
        CrawlFigures figures = figures(5_200, samples);

        // 10% = 520 pages at 2.42 s, 90% = 4,680 pages at 6.58 s: all within the fast part
        assertThat(figures.pagesPerSecondBetween(0.1, 0.9)).hasValueSatisfying(rate -> assertThat(rate).isCloseTo(1000, within(0.5)));
        assertThat(figures.pagesPerSecondBetween(0, 1)).hasValueSatisfying(rate -> assertThat(rate).isCloseTo(650, within(0.5)));
    }

    @Test
    void tooFewSamplesGiveNoRate() {
        CrawlFigures quick = figures(100, List.of(new CrawlFigures.Sample(500, 0), new CrawlFigures.Sample(600, 50),
                new CrawlFigures.Sample(700, 100)));
        CrawlFigures empty = figures(0, List.of(new CrawlFigures.Sample(500, 0), new CrawlFigures.Sample(5_000, 0)));

        assertThat(quick.pagesPerSecondBetween(0.1, 0.9)).isEmpty();
        assertThat(empty.pagesPerSecondBetween(0.1, 0.9)).isEmpty();
        assertThatThrownBy(() -> quick.pagesPerSecondBetween(0.9, 0.1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static CrawlFigures figures(long pages, List<CrawlFigures.Sample> samples) {
        return new CrawlFigures("virtual", pages, pages, 0, pages * 1000, samples.getLast().sinceJvmStartMs(), 1, 2, 3, 4,
                1, 50, 20, 0, samples.getFirst().sinceJvmStartMs(), samples, Map.of());
    }
}
