package dev.trawl.fetch;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link SendListener} passed on at most once, however often a client reports the moment: the fetchers
 * neither retry nor follow redirects, so it comes once anyway, and this makes that a guarantee rather than a
 * consequence of their settings. Thread-safe.
 */
final class SendOnce {
    private final SendListener listener;
    private final AtomicBoolean told = new AtomicBoolean();

    SendOnce(SendListener listener) {
        this.listener = listener;
    }

    /** Tells the listener, the first time only. */
    void sending() {
        if (told.compareAndSet(false, true)) {
            listener.sending();
        }
    }
}
