package dev.trawl.mode.process;

/**
 * Assigns each host to one of K workers, so that every host's politeness is enforced by exactly one
 * child JVM. The shard depends only on the host key ({@code host:port}) and K: {@link String#hashCode()}
 * is specified by the JLS, so it is the same in every JVM, and a murmur3 finalizer spreads its bits
 * before {@code floorMod}, so that hosts differing in one digit (ports on loopback) still spread.
 * Immutable and thread-safe.
 */
public final class HostSharder {
    private final int workers;

    /** A sharder over {@code workers} shards, numbered 0 to {@code workers - 1}. */
    public HostSharder(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1: " + workers);
        }
        this.workers = workers;
    }

    /** The worker that owns {@code hostKey} (a {@code CrawlUrl.host()}). */
    public int shardOf(String hostKey) {
        return Math.floorMod(mix(hostKey.hashCode()), workers);
    }

    /** How many shards there are. */
    public int workers() {
        return workers;
    }

    /** The murmur3 32-bit finalizer: every input bit affects every output bit. */
    static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
