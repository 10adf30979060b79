package dev.trawl.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trawl.fetch.FetchResult.Failed;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Cancelling, closing and who owns which threads. */
class OkHttpFetcherLifecycleTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    @Test
    void cancelAllEndsInFlightRequestsAsCancelled() throws InterruptedException {
        server.enqueue(new MockResponse.Builder().body("late").headersDelay(10, TimeUnit.SECONDS).build());
        try (Fetcher fetcher = FetcherFactory.okHttp(FetcherContract.CONFIG).build()) {
            CompletableFuture<FetchResult> future = fetcher.fetchAsync(server.url("/").toString());
            assertThat(server.takeRequest(5, TimeUnit.SECONDS)).as("request reached the server").isNotNull();

            fetcher.cancelAll();

            Failed failed = (Failed) assertThat(future).succeedsWithin(Duration.ofSeconds(5)).actual();
            assertThat(failed.kind()).isEqualTo(FailureKind.CANCELLED);
            assertThat(failed.message()).isEqualTo("request to " + server.getHostName() + ":" + server.getPort()
                    + " cancelled");
        }
    }

    @Test
    void cancellingTheFutureCancelsTheCall() throws InterruptedException {
        server.enqueue(new MockResponse.Builder().body("late").headersDelay(10, TimeUnit.SECONDS).build());
        try (Fetcher fetcher = FetcherFactory.okHttp(FetcherContract.CONFIG).build()) {
            CompletableFuture<FetchResult> future = fetcher.fetchAsync(server.url("/").toString());
            assertThat(server.takeRequest(5, TimeUnit.SECONDS)).isNotNull();

            future.cancel(true);

            await().atMost(Duration.ofSeconds(5)).until(() -> fetcherThreads().stream()
                    .noneMatch(name -> name.startsWith("OkHttp http")));
        }
    }

    @Test
    void interruptingABlockingFetchOnAVirtualThreadIsCancelledAndKeepsTheFlag() throws Exception {
        server.enqueue(new MockResponse.Builder().body("late").headersDelay(10, TimeUnit.SECONDS).build());
        try (Fetcher fetcher = FetcherFactory.okHttp(FetcherContract.CONFIG).build()) {
            CompletableFuture<FetchResult> result = new CompletableFuture<>();
            AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
            Thread worker = Thread.ofVirtual().name("test-worker").start(() -> {
                result.complete(fetcher.fetch(server.url("/").toString()));
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            });
            assertThat(server.takeRequest(5, TimeUnit.SECONDS)).isNotNull();

            worker.interrupt();

            assertThat(worker.join(Duration.ofSeconds(5))).as("worker ended").isTrue();
            assertThat(result).isCompletedWithValueMatching(
                    r -> r instanceof Failed f && f.kind() == FailureKind.CANCELLED, "cancelled");
            assertThat(stillInterrupted.get()).isTrue();
        }
    }

    @Test
    void closeLeavesNoOkHttpOrFetcherThreadsBehind() {
        server.enqueue(new MockResponse.Builder().body("<p>hi</p>").build());
        Fetcher fetcher = FetcherFactory.okHttp(FetcherContract.CONFIG).build();
        assertThat(fetcher.fetchAsync(server.url("/").toString())).succeedsWithin(Duration.ofSeconds(5));
        assertThat(fetcherThreads()).isNotEmpty();

        fetcher.close();

        await().atMost(Duration.ofSeconds(5)).until(() -> fetcherThreads().isEmpty());
    }

    @Test
    void injectedExecutorRunsTheCallbacksAndIsLeftRunningOnClose() throws InterruptedException {
        server.enqueue(new MockResponse.Builder().body("<p>hi</p>").build());
        AtomicReference<Thread> ioThread = new AtomicReference<>();
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            ioThread.set(new Thread(r, "test-io"));
            return ioThread.get();
        });
        try {
            Fetcher fetcher = FetcherFactory.okHttp(FetcherContract.CONFIG).executor(executor).build();
            CompletableFuture<FetchResult> result = fetcher.fetchAsync(server.url("/").toString());

            assertThat(result).succeedsWithin(Duration.ofSeconds(5)).isInstanceOf(FetchResult.Fetched.class);
            assertThat(ioThread.get()).as("the call ran on the injected executor's thread").isNotNull();
            fetcher.close();
            assertThat(executor.isShutdown()).isFalse();
        } finally {
            executor.shutdown();
            assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void fetchAfterCloseIsCancelled() {
        Fetcher fetcher = FetcherFactory.okHttp(FetcherContract.CONFIG).build();
        fetcher.close();

        assertThat(fetcher.fetch(server.url("/").toString()))
                .isInstanceOfSatisfying(Failed.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.CANCELLED));

        Failed failed = (Failed) assertThat(fetcher.fetchAsync(server.url("/").toString()))
                .succeedsWithin(Duration.ofSeconds(5)).actual();

        assertThat(failed.message()).contains("fetcher is closed");
        assertThat(failed.kind()).isEqualTo(FailureKind.CANCELLED);
    }

    /**
     * Live threads a fetcher may own: its dispatcher's {@code trawl-fetch-N} threads, renamed by OkHttp to
     * {@code OkHttp <url>} while they run a call, and any non-daemon OkHttp thread. OkHttp's shared
     * {@code OkHttp TaskRunner} threads are daemons, belong to the JVM-wide task runner and idle out by
     * themselves, so they do not count.
     */
    private static List<String> fetcherThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("trawl-fetch") || t.getName().startsWith("OkHttp") && !t.isDaemon())
                .map(Thread::getName)
                .toList();
    }
}
