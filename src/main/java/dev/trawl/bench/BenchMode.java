package dev.trawl.bench;

import dev.trawl.config.AsyncClient;
import dev.trawl.config.Mode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a bench compares side by side: a crawl mode, and for {@code async} the HTTP client behind it, so that
 * the event loop (HttpClient 5's reactor, the default) and OkHttp's {@code enqueue} (a pooled thread per call)
 * can be measured in one run, interleaved like any two modes.
 */
public enum BenchMode {
    /** {@code --mode threads}. */
    THREADS(Mode.THREADS, Optional.empty()),
    /** {@code --mode async --async-client reactor}: the event loop. */
    ASYNC(Mode.ASYNC, Optional.of(AsyncClient.REACTOR)),
    /** {@code --mode async --async-client okhttp}: OkHttp's callbacks, for comparison with the reactor. */
    ASYNC_OKHTTP(Mode.ASYNC, Optional.of(AsyncClient.OKHTTP)),
    /** {@code --mode virtual}. */
    VIRTUAL(Mode.VIRTUAL, Optional.empty()),
    /** {@code --mode processes}. */
    PROCESSES(Mode.PROCESSES, Optional.empty());

    /** The modes a bench compares when {@code --modes} is not given. */
    public static final List<BenchMode> DEFAULT = List.of(THREADS, ASYNC, VIRTUAL, PROCESSES);

    private final Mode mode;
    private final Optional<AsyncClient> asyncClient;

    BenchMode(Mode mode, Optional<AsyncClient> asyncClient) {
        this.mode = mode;
        this.asyncClient = asyncClient;
    }

    /** The crawl mode. */
    public Mode mode() {
        return mode;
    }

    /** The name in {@code --modes}, tables and results: {@code threads}, {@code async}, {@code async-okhttp}... */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The {@code trawl crawl} flags that select it; the async client is always named, never left to a default. */
    List<String> crawlArguments() {
        return asyncClient.map(client -> List.of("--mode", mode.cliName(), "--async-client",
                client.name().toLowerCase(Locale.ROOT))).orElse(List.of("--mode", mode.cliName()));
    }

    /** The bench mode called {@code name}, or an exception listing the names there are. */
    public static BenchMode of(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.cliName().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--modes: unknown mode '" + name.strip()
                        + "'; expected one of " + names()));
    }

    /** Every name, comma-separated, for messages and help. */
    public static String names() {
        return Arrays.stream(values()).map(BenchMode::cliName).collect(Collectors.joining(", "));
    }
}
