package dev.trawl.mode;

import dev.trawl.fetch.FetchResult;
import dev.trawl.frontier.Lease;
import dev.trawl.parse.Page;
import java.util.Optional;

/**
 * What a producer hands a consumer through the bounded queue: the outcome of one lease, parsed when it
 * was an HTML page. Every FETCH and DISALLOWED lease yields exactly one hand-off, so every URL tried
 * gets exactly one record.
 *
 * <p>End of stream: when the producers are done, the pipeline puts one {@link #END} per consumer; a
 * consumer that takes it exits.
 *
 * @param lease the lease answered
 * @param result the fetch outcome; empty for a DISALLOWED lease (nothing was requested)
 * @param page the parsed page, for a 2xx HTML response that parsed
 * @param parseError why a 2xx HTML response could not be parsed
 */
record Handoff(Lease lease, Optional<FetchResult> result, Optional<Page> page, Optional<String> parseError) {

    /** The end-of-stream marker: a consumer that takes it stops. */
    static final Handoff END = new Handoff(null, Optional.empty(), Optional.empty(), Optional.empty());

    static Handoff disallowed(Lease lease) {
        return new Handoff(lease, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
