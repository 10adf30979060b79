package dev.trawl.mode.process;

import java.util.concurrent.atomic.LongAdder;

/**
 * What crossed the pipes between the coordinator and its children: frames and bytes (headers included),
 * both ways. The cost of processes mode that the other modes do not pay, shown by {@code --stats-json}
 * and {@code trawl bench}. Thread-safe.
 */
final class PipeMeter {
    private final LongAdder messages = new LongAdder();
    private final LongAdder bytes = new LongAdder();

    void frame(int payloadBytes) {
        messages.increment();
        bytes.add(payloadBytes + 4L);
    }

    long messages() {
        return messages.sum();
    }

    long bytes() {
        return bytes.sum();
    }
}
