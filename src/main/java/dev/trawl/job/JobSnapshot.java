package dev.trawl.job;

import dev.trawl.config.CrawlConfig;
import dev.trawl.frontier.CrawlState;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * What a job's {@code snapshot} file holds besides the crawl state: its generation (the journal that goes
 * with it is {@code journal.GENERATION}), the output's committed length and the URLs done, as of the commit
 * it was taken at. The file is this header, then {@link CrawlState#writeTo}. Pure (streams only); immutable.
 *
 * @param generation counts the snapshots of the job; a journal of another generation is not this one's
 * @param committedOutput the output's length at the commit the snapshot was taken at
 * @param done URLs done at that commit
 */
record JobSnapshot(long generation, long committedOutput, long done) {
    static final int VERSION = 2;

    /** A snapshot read back: its header and its state. */
    record Read(JobSnapshot header, CrawlState state) {}

    /** Writes this header and {@code state} (under its lock, so as of one moment). */
    void write(DataOutputStream out, CrawlState state) throws IOException {
        out.writeInt(VERSION);
        out.writeLong(generation);
        out.writeLong(committedOutput);
        out.writeLong(done);
        state.writeTo(out);
    }

    /**
     * Reads what {@link #write} wrote.
     *
     * @throws JobException if it was written by a trawl with another snapshot format
     * @throws IOException if it is cut short, or was written for another page budget or depth
     */
    static Read read(DataInputStream in, CrawlConfig.Limits limits, String where) throws IOException {
        int version = in.readInt();
        if (version != VERSION) {
            throw new JobException(where + " was written by another trawl (snapshot version " + version
                    + ", this one reads " + VERSION + "); give --job-reset to start it over");
        }
        JobSnapshot header = new JobSnapshot(in.readLong(), in.readLong(), in.readLong());
        return new Read(header, CrawlState.readFrom(in, limits));
    }
}
