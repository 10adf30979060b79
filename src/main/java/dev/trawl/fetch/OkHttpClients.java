package dev.trawl.fetch;

import java.util.List;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The OkHttp client for each scheme of one fetcher: a cleartext one, and a TLS one made from it when the
 * first {@code https} URL comes. OkHttp sets up TLS in a client's constructor (the platform's trust store,
 * ~150 certificates parsed), which was a tenth of a second of every run's start on a small machine, and a
 * crawl of plain-http sites never needs it. Both share one dispatcher and one connection pool, so
 * cancelling or closing through {@link #cleartext()} covers both.
 *
 * <p>Thread-safe: the TLS client is made once ({@link OnFirstUse}), however many threads meet the first https
 * URL at once.
 */
final class OkHttpClients {
    /** OkHttp's own default: modern TLS for https, plain text for http. */
    private static final List<ConnectionSpec> TLS_AND_CLEARTEXT = List.of(ConnectionSpec.MODERN_TLS, ConnectionSpec.CLEARTEXT);

    private final OkHttpClient cleartext;
    private final OnFirstUse<OkHttpClient> tls;

    private OkHttpClients(OkHttpClient cleartext, OnFirstUse<OkHttpClient> tls) {
        this.cleartext = cleartext;
        this.tls = tls;
    }

    /** One client for every scheme, as given: a caller's client keeps its own TLS settings. */
    static OkHttpClients of(OkHttpClient client) {
        return new OkHttpClients(client, OnFirstUse.made(client));
    }

    /** From {@code builder} (which this changes): a cleartext client now, a TLS one when first needed. */
    static OkHttpClients lazyTls(OkHttpClient.Builder builder) {
        OkHttpClient cleartext = builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT)).build();
        return new OkHttpClients(cleartext,
                OnFirstUse.of(() -> cleartext.newBuilder().connectionSpecs(TLS_AND_CLEARTEXT).build()));
    }

    /** The client for {@code url}'s scheme. */
    OkHttpClient forUrl(HttpUrl url) {
        return url.isHttps() ? tls.get() : cleartext;
    }

    /** The cleartext client, whose dispatcher and connection pool are the TLS client's too. */
    OkHttpClient cleartext() {
        return cleartext;
    }

    /** Whether TLS has been set up, for tests: a crawl of http URLs only never does. */
    boolean tlsReady() {
        return tls.isMade();
    }
}
