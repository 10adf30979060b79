package dev.trawl.config;

/**
 * The HTTP client behind {@code --mode async} ({@code concurrency.async-client}). The other modes always
 * fetch with OkHttp's blocking calls.
 */
public enum AsyncClient {
    /** HttpClient 5's I/O reactor: non-blocking sockets, a fixed few threads for every connection. */
    REACTOR,
    /** OkHttp's {@code enqueue}: callbacks, but a pooled thread per call in flight. For comparison. */
    OKHTTP
}
