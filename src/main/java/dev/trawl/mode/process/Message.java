package dev.trawl.mode.process;

import dev.trawl.config.CrawlConfig;
import dev.trawl.frontier.CrawlUrl;
import dev.trawl.frontier.Frontier;
import dev.trawl.fetch.WireExchange;
import dev.trawl.sink.CrawlRecord;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the coordinator and a child say to each other, one message per frame (see {@link MessageCodec}).
 *
 * <p>Coordinator to child: {@link Hello} first, then any number of {@link Crawl}, then {@link End}
 * (finish once idle) or {@link Stop} (Ctrl-C: stop now). Closing the child's stdin means {@link Stop}.
 *
 * <p>Child to coordinator: {@link Ready} after the hello, then {@link Discovered} (redirect targets) and
 * {@link Recorded} (a record with its page's links) and {@link Audited} (politeness facts) as the crawl goes, a
 * redirect target always before its source's record, {@link Pace} whenever what it says changes, {@link Retrying}
 * when it will try a URL again, and at the end {@link Stats} and {@link Bye}. Immutable.
 */
sealed interface Message {

    /** The protocol version every frame carries as {@code "v"}; a peer speaking another one is refused. */
    int VERSION = 7;

    /** The child's identity, its config (limits and mode as the child should use them) and the crawl's seeds. */
    record Hello(int workerId, CrawlConfig config, List<String> seeds) implements Message {
        public Hello {
            Objects.requireNonNull(config, "config");
            seeds = List.copyOf(seeds);
        }
    }

    /** A URL this child owns: fetch it and send back its record. */
    record Crawl(CrawlUrl url) implements Message {
        public Crawl {
            Objects.requireNonNull(url, "url");
        }
    }

    /** No more URLs will come: finish what is queued, then say bye and exit. */
    record End() implements Message {}

    /** Stop at once: cancel requests in flight, send the records made, say bye and exit. */
    record Stop() implements Message {}

    /** The child has read its hello and runs its pipeline. */
    record Ready(long pid) implements Message {}

    /** A link or redirect target found by the child, in scope and within depth; the coordinator routes it. */
    record Discovered(CrawlUrl url) implements Message {
        public Discovered {
            Objects.requireNonNull(url, "url");
        }
    }

    /** The outcome of one URL the child was given, with the in-scope links found on its page. */
    record Recorded(CrawlRecord record, List<String> links) implements Message {
        public Recorded {
            Objects.requireNonNull(record, "record");
            links = List.copyOf(links);
        }
    }

    /**
     * A URL the child was given will be tried again (its request failed in a way worth a retry): the
     * coordinator counts the attempt in the crawl state, so a restarted child or a resumed job does not
     * give the URL its retries again.
     */
    record Retrying(String url) implements Message {
        public Retrying {
            Objects.requireNonNull(url, "url");
        }
    }

    /** The wire bytes of one exchange the child made, for the coordinator's WARC output (only when it has one). */
    record Archived(WireExchange exchange) implements Message {
        public Archived {
            Objects.requireNonNull(exchange, "exchange");
        }
    }

    /**
     * The pace of the child's hosts, sent when it changed (and once more at the end): the hosts a failure holds
     * back now, for the progress line, and every host adaptive politeness slowed so far, for the summary.
     *
     * @param waiting as {@link Frontier#waiting()} said when the message was made
     * @param slowed as {@link Frontier#slowed()} said: host to why, e.g. {@code 503 x3, peak 4s, now 1s}
     */
    record Pace(List<Frontier.HostWait> waiting, Map<String, String> slowed) implements Message {
        public Pace {
            waiting = List.copyOf(waiting);
            slowed = Map.copyOf(slowed);
        }
    }

    /**
     * Politeness facts of the child's frontier, in order, as audit log lines ({@code dev.trawl.audit.AuditLines}),
     * the one form a fact takes on its way: the coordinator parses them to audit them (a host belongs to one
     * child, so each host's facts stay in order; the child audits none) and writes them to its audit log, if
     * it has one, as they came. Requests' facts only (sent, answered, ended): no start, since the coordinator
     * itself tells the audit when a child's process is gone.
     */
    record Audited(List<String> lines) implements Message {
        public Audited {
            lines = List.copyOf(lines);
        }
    }

    /** Figures only the child knows, sent once at the end. */
    record Stats(long retries) implements Message {}

    /** The child's last message; it exits next. */
    record Bye() implements Message {}
}
