package dev.trawl.fetch;

import java.net.SocketAddress;
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
 * <p>Thread-safe: the default is made once ({@link OnFirstUse}), however many connections meet TLS first at once.
 */
final class LazyTlsStrategy implements TlsStrategy {
    private final OnFirstUse<TlsStrategy> strategy = OnFirstUse.of(DefaultClientTlsStrategy::createDefault);

    /** Whether TLS has been set up, for tests: a crawl of http URLs only never does. */
    boolean ready() {
        return strategy.isMade();
    }

    @Override
    public void upgrade(TransportSecurityLayer session, NamedEndpoint endpoint, Object attachment, Timeout handshakeTimeout,
            FutureCallback<TransportSecurityLayer> callback) {
        strategy.get().upgrade(session, endpoint, attachment, handshakeTimeout, callback);
    }

    /** The interface's older form, which HttpClient no longer calls; passed on all the same. */
    @Override
    @Deprecated
    @SuppressWarnings("deprecation")
    public boolean upgrade(TransportSecurityLayer session, HttpHost host, SocketAddress localAddress,
            SocketAddress remoteAddress, Object attachment, Timeout handshakeTimeout) {
        return strategy.get().upgrade(session, host, localAddress, remoteAddress, attachment, handshakeTimeout);
    }
}
