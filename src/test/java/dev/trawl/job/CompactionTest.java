package dev.trawl.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompactionTest {

    @ParameterizedTest(name = "journal {0} B, snapshot {1} B: compact {2}")
    @CsvSource({
            "0, 0, false",
            "1023, 0, false",
            "1024, 0, true",
            "1024, 1000, true",
            "1024, 2000, false",
            "1999, 2000, false",
            "2000, 2000, true",
            "3000, 2000, true"})
    void aJournalIsCompactedOncePastTheFloorAndAsLongAsTheLastSnapshot(long journal, long snapshot, boolean due) {
        assertThat(new Compaction(1024, 1).due(journal, snapshot)).isEqualTo(due);
    }

    @Test
    void theCostOfSnapshotsIsAmortizedOverTheJournalTheyFold() {
        // a state that grows with every transition (by less than its journal line): a compaction writes the
        // last snapshot plus what was journaled since, and comes once the journal is as long as that snapshot,
        // so each snapshot is at most twice the journal it folds
        Compaction policy = new Compaction(100, 1);
        long journal = 0;
        long snapshot = 0;
        long journaled = 0;
        long snapshotted = 0;
        for (int transition = 0; transition < 1_000_000; transition++) {
            journal += 60;
            journaled += 60;
            long stateBytes = transition * 20L;
            if (policy.due(journal, snapshot)) {
                snapshot = stateBytes;
                snapshotted += stateBytes;
                journal = 0;
            }
        }
        assertThat(snapshotted).isLessThanOrEqualTo(2 * journaled).isGreaterThan(0);
    }

    @Test
    void everyIgnoresTheSnapshotsSizeAndAHugeSnapshotDoesNotOverflow() {
        assertThat(Compaction.every(10).due(10, Long.MAX_VALUE)).isTrue();
        assertThat(new Compaction(10, 3).due(Long.MAX_VALUE - 1, Long.MAX_VALUE / 2)).isFalse();
        assertThatThrownBy(() -> new Compaction(0, 1)).hasMessageContaining("minJournalBytes");
        assertThatThrownBy(() -> new Compaction(1, -1)).hasMessageContaining("snapshotMultiple");
    }
}
