package dev.trawl.fetch;

import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.apache.hc.core5.net.NamedEndpoint;
import org.apache.hc.core5.reactor.ssl.TransportSecurityLayer;
import org.apache.hc.core5.util.Timeout;

/**
 * HttpClient 5's default TLS, set up when the first connection asks for it: the connection manager's
 * builder makes its default TLS strategy at once (an {@code SSLContext} and the platform's trust store),
 * which a crawl of plain-http sites never uses and which was a tenth of a second of every run's start.
 *
 * <p>Thread-safe: two connections meeting TLS first at once may each make the default; one wins.
 */
final class LazyTlsStrategy implements TlsStrategy {
    private final AtomicReference<TlsStrategy> strategy = new AtomicReference<>();

    /** Whether TLS has been set up, for tests: a crawl of http URLs only never does. */
    boolean ready() {
        return strategy.get() != null;
    }

    private TlsStrategy strategy() {
        TlsStrategy made = strategy.get();
        if (made == null) {
            strategy.compareAndSet(null, DefaultClientTlsStrategy.createDefault());
            made = strategy.get();
        }
        return made;
    }

    @Override
    public void upgrade(TransportSecurityLayer session, NamedEndpoint endpoint, Object attachment, Timeout handshakeTimeout,
            FutureCallback<TransportSecurityLayer> callback) {
        strategy().upgrade(session, endpoint, attachment, handshakeTimeout, callback);
    }

    /** The interface's older form, which HttpClient no longer calls; passed on all the same. */
    @Override
    @Deprecated
    @SuppressWarnings("deprecation")
    public boolean upgrade(TransportSecurityLayer session, HttpHost host, SocketAddress localAddress,
            SocketAddress remoteAddress, Object attachment, Timeout handshakeTimeout) {
        return strategy().upgrade(session, host, localAddress, remoteAddress, attachment, handshakeTimeout);
    }
}
