package dev.trawl.mode;

import java.util.concurrent.ThreadFactory;

/** Thread factories that name their threads, so a thread dump says what each one is for. */
final class Threads {
    private Threads() {}

    /** Platform threads named {@code prefix0}, {@code prefix1}, … */
    static ThreadFactory platform(String prefix) {
        return Thread.ofPlatform().name(prefix, 0).factory();
    }

    /** Virtual threads named {@code prefix0}, {@code prefix1}, … */
    static ThreadFactory virtual(String prefix) {
        return Thread.ofVirtual().name(prefix, 0).factory();
    }
}
