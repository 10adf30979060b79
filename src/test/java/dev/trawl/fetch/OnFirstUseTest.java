package dev.trawl.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OnFirstUseTest {

    @Test
    void isMadeOnlyWhenFirstAskedFor() {
        AtomicInteger made = new AtomicInteger();
        OnFirstUse<Object> value = OnFirstUse.of(() -> made.incrementAndGet());

        assertThat(value.isMade()).isFalse();
        assertThat(made).hasValue(0);
        assertThat(value.get()).isEqualTo(1);
        assertThat(value.get()).isEqualTo(1);
        assertThat(value.isMade()).isTrue();
        assertThat(made).hasValue(1);
    }

    @Test
    void threadsAskingWhileItIsBeingMadeWaitForTheOneMakingIt() throws Exception {
        int threads = 8;
        CountDownLatch asking = new CountDownLatch(threads);
        AtomicInteger made = new AtomicInteger();
        OnFirstUse<Object> value = OnFirstUse.of(() -> {
            made.incrementAndGet();
            try {
                // made slowly: every thread has come to ask before it is done
                assertThat(asking.await(30, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            return new Object();
        });
        List<Future<Object>> got = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                got.add(pool.submit(() -> {
                    asking.countDown();
                    return value.get();
                }));
            }
        }

        assertThat(made).as("made once").hasValue(1);
        for (Future<Object> one : got) {
            assertThat(one.get()).isSameAs(value.get());
        }
    }

    @Test
    void aValueGivenMadeIsNeverMadeAgain() {
        Object given = new Object();

        assertThat(OnFirstUse.made(given).isMade()).isTrue();
        assertThat(OnFirstUse.made(given).get()).isSameAs(given);
    }
}
