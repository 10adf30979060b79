package dev.trawl.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trawl.frontier.CrawlState;
import dev.trawl.frontier.CrawlUrl;
import dev.trawl.frontier.Transition;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobSnapshotTest {

    private static JobSnapshot.Read roundTrip(JobSnapshot header, CrawlState state) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            header.write(out, state);
        }
        return JobSnapshot.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())),
                new dev.trawl.config.CrawlConfig.Limits(100, 5), "test");
    }

    @Test
    void aSnapshotTakenMidCrawlGivesBackTheStateWithLeasedUrlsToDoAndRetriesCounted() throws IOException {
        CrawlState state = new CrawlState(100, 5);
        state.apply(new Transition.Offer(CrawlUrl.of("http://a.test/", 0)));
        state.apply(new Transition.Complete("http://a.test/", true, List.of("http://a.test/x", "http://a.test/y")));
        state.apply(new Transition.Lease("http://a.test/x"));
        state.apply(new Transition.Retry("http://a.test/x"));
        state.apply(new Transition.Lease("http://a.test/x"));
        state.apply(new Transition.Retry("http://a.test/x"));
        state.apply(new Transition.Lease("http://a.test/y")); // in flight at the snapshot

        JobSnapshot.Read read = roundTrip(new JobSnapshot(7, 1234, 1), state);

        assertThat(read.header()).isEqualTo(new JobSnapshot(7, 1234, 1));
        CrawlState restored = read.state();
        assertThat(restored.seen()).isEqualTo(3);
        assertThat(restored.openUrls()).extracting(CrawlUrl::url, CrawlUrl::attempt)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("http://a.test/x", 2),
                        org.assertj.core.groups.Tuple.tuple("http://a.test/y", 0));
        // y, leased when written, is to do: a lease and a completion in the new run take it as usual
        restored.apply(new Transition.Lease("http://a.test/y"));
        restored.apply(new Transition.Release("http://a.test/y"));
        restored.apply(new Transition.Lease("http://a.test/y"));
        restored.apply(new Transition.Complete("http://a.test/y", true, List.of()));
        assertThat(restored.openUrls()).extracting(CrawlUrl::url).containsExactly("http://a.test/x");
    }

    @Test
    void aSnapshotOfAnotherFormatIsRefusedNamingTheReset() {
        byte[] old = {0, 0, 0, 1, 0, 0, 0, 0};
        assertThatThrownBy(() -> JobSnapshot.read(new DataInputStream(new ByteArrayInputStream(old)),
                new dev.trawl.config.CrawlConfig.Limits(100, 5), "job j"))
                .isInstanceOf(JobException.class).hasMessageContaining("job j").hasMessageContaining("--job-reset");
    }
}
