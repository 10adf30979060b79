package dev.trawl.fetch;

import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A value made when it is first asked for, and only once: the fetchers' TLS set-up ({@link OkHttpClients},
 * {@link LazyTlsStrategy}), which parses the platform's trust store (~150 certificates, a tenth of a second of a
 * run's start on a small machine) and which a crawl of plain-http sites never needs.
 *
 * <p>Thread-safe: threads that ask together while it is being made wait for the one making it, so it is made
 * once (an {@code SSLContext} made twice would be a second trust store parsed for nothing). A lock rather than
 * {@code synchronized}: on JDK 21 a virtual thread waiting on a monitor pins its carrier.
 */
final class OnFirstUse<T> {
    private final Supplier<? extends T> make;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile T value;

    private OnFirstUse(Supplier<? extends T> make, T value) {
        this.make = make;
        this.value = value;
    }

    /** Made by {@code make} when first asked for. */
    static <T> OnFirstUse<T> of(Supplier<? extends T> make) {
        return new OnFirstUse<>(Objects.requireNonNull(make, "make"), null);
    }

    /** Already made. */
    static <T> OnFirstUse<T> made(T value) {
        return new OnFirstUse<>(() -> value, Objects.requireNonNull(value, "value"));
    }

    /** The value, made now if it has not been. */
    T get() {
        T made = value;
        if (made != null) {
            return made;
        }
        lock.lock();
        try {
            if (value == null) {
                value = Objects.requireNonNull(make.get(), "made nothing");
            }
            return value;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the value has been made, for tests: a crawl of http URLs only never makes it. */
    boolean isMade() {
        return value != null;
    }
}
