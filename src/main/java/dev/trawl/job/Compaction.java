package dev.trawl.job;

/**
 * When a job folds its journal into a new snapshot during a run: once the journal is at least
 * {@code minJournalBytes} long and at least {@code snapshotMultiple} times the last snapshot. Tied to the
 * snapshot's size, a compaction (which writes a snapshot) comes only after at least as many journal bytes
 * as it writes, so its cost is amortized O(1) per transition however large the state grows; the floor
 * keeps small crawls from compacting at all. Pure; immutable.
 *
 * @param minJournalBytes the shortest journal worth compacting
 * @param snapshotMultiple how many times the last snapshot's size the journal must reach (0: the floor alone
 *     decides, which tests use to force a compaction on a small state)
 */
public record Compaction(long minJournalBytes, int snapshotMultiple) {
    /** A journal of 16 MiB replays in well under a second; a snapshot's size again bounds the disk written. */
    public static final Compaction DEFAULT = new Compaction(16L << 20, 1);

    public Compaction {
        if (minJournalBytes < 1) {
            throw new IllegalArgumentException("minJournalBytes must be at least 1: " + minJournalBytes);
        }
        if (snapshotMultiple < 0) {
            throw new IllegalArgumentException("snapshotMultiple must not be negative: " + snapshotMultiple);
        }
    }

    /** Compaction whenever the journal passes {@code bytes}, whatever the snapshot's size. */
    public static Compaction every(long bytes) {
        return new Compaction(bytes, 0);
    }

    /** Whether a journal of {@code journalBytes} is to be folded into a new snapshot, the last being {@code snapshotBytes}. */
    public boolean due(long journalBytes, long snapshotBytes) {
        long relative = snapshotMultiple == 0 ? 0
                : snapshotBytes > Long.MAX_VALUE / snapshotMultiple ? Long.MAX_VALUE : snapshotBytes * snapshotMultiple;
        return journalBytes >= Math.max(minJournalBytes, relative);
    }
}
