package dev.trawl.frontier;

/**
 * The seen-set: an open-addressing hash table of 64-bit URL {@link Fingerprint}s (linear probing), each
 * with a 16-bit depth and a status byte. 11 bytes a slot, at most 3/4 full, so 14.7–29.3 bytes a URL
 * depending on where the table stands between two doublings; 10 million URLs fit in 185 MB (2<sup>24</sup>
 * slots), and the doubling that reaches it holds both tables (277 MB) for a moment. No per-entry objects:
 * the garbage collector sees three arrays.
 *
 * <p>Not thread-safe; {@link CrawlState} is its only user.
 */
final class SeenTable {
    static final int MISSING = -1;
    private static final int MIN_CAPACITY = 1 << 10;

    private long[] keys;
    private char[] depths;
    private byte[] statuses;
    private int size;
    private int mask;

    SeenTable() {
        allocate(MIN_CAPACITY);
    }

    /** The slot of {@code fingerprint}, or {@link #MISSING}. */
    int find(long fingerprint) {
        int slot = spread(fingerprint) & mask;
        while (true) {
            long key = keys[slot];
            if (key == fingerprint) {
                return slot;
            }
            if (key == 0) {
                return MISSING;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Adds {@code fingerprint} (which must be missing) and returns its slot. */
    int add(long fingerprint, int depth, byte status) {
        if ((size + 1) * 4L > keys.length * 3L) {
            grow();
        }
        int slot = spread(fingerprint) & mask;
        while (keys[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = fingerprint;
        depths[slot] = (char) depth;
        statuses[slot] = status;
        size++;
        return slot;
    }

    int depth(int slot) {
        return depths[slot];
    }

    void depth(int slot, int depth) {
        depths[slot] = (char) depth;
    }

    byte status(int slot) {
        return statuses[slot];
    }

    void status(int slot, byte status) {
        statuses[slot] = status;
    }

    int size() {
        return size;
    }

    /**
     * Writes every entry: its fingerprint, depth and status as {@code status} maps it (as
     * {@link java.io.DataOutput#writeLong}, {@code writeChar} and {@code writeByte} would, a block at a time:
     * a job writes this while the crawl waits).
     */
    void writeTo(java.io.DataOutput out, java.util.function.IntUnaryOperator status) throws java.io.IOException {
        out.writeInt(size);
        java.nio.ByteBuffer block = java.nio.ByteBuffer.allocate(11 * 8192);
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0) {
                block.putLong(keys[i]).putChar(depths[i]).put((byte) status.applyAsInt(statuses[i]));
                if (!block.hasRemaining()) {
                    out.write(block.array(), 0, block.position());
                    block.clear();
                }
            }
        }
        out.write(block.array(), 0, block.position());
    }

    /** Adds the entries {@link #writeTo} wrote. */
    void readFrom(java.io.DataInput in) throws java.io.IOException {
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            long key = in.readLong();
            int depth = in.readChar();
            byte status = in.readByte();
            add(key, depth, status);
        }
    }

    /** Bytes held by the table's arrays. */
    long bytes() {
        return keys.length * (8L + 2 + 1);
    }

    private void grow() {
        long[] oldKeys = keys;
        char[] oldDepths = depths;
        byte[] oldStatuses = statuses;
        allocate(oldKeys.length * 2);
        for (int i = 0; i < oldKeys.length; i++) {
            long key = oldKeys[i];
            if (key != 0) {
                int slot = spread(key) & mask;
                while (keys[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = key;
                depths[slot] = oldDepths[i];
                statuses[slot] = oldStatuses[i];
            }
        }
    }

    private void allocate(int capacity) {
        if (capacity <= 0) {
            throw new IllegalStateException("seen-set cannot grow past 2^30 slots");
        }
        keys = new long[capacity];
        depths = new char[capacity];
        statuses = new byte[capacity];
        mask = capacity - 1;
    }

    /** The fingerprint is already a good hash; fold the high bits in so the mask sees all 64. */
    private static int spread(long fingerprint) {
        return (int) (fingerprint ^ (fingerprint >>> 32));
    }
}
