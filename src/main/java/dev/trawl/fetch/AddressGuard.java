package dev.trawl.fetch;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import javax.net.SocketFactory;
import okhttp3.Dns;

/**
 * Puts {@link AddressRules} into OkHttp's connect path twice: a {@link Dns} that drops refused addresses
 * (so a name with one public and one private address still works), and a {@link SocketFactory} whose
 * sockets check the very address they connect to, which covers IP literals (OkHttp does not ask the Dns
 * for them) and DNS rebinding (nothing resolved earlier is trusted). Immutable and thread-safe.
 */
final class AddressGuard {
    private final AddressRules rules;

    AddressGuard(AddressRules rules) {
        this.rules = rules;
    }

    /** An address the rules refuse; an {@link UnknownHostException} so that a {@link Dns} may throw it. */
    static final class RefusedAddressException extends UnknownHostException {
        RefusedAddressException(AddressRules.Refused refused) {
            super(refused.message());
        }
    }

    /** {@code dns}, keeping only allowed addresses; a name with none left is refused. */
    Dns dns(Dns dns) {
        return hostname -> {
            List<InetAddress> all = dns.lookup(hostname);
            List<InetAddress> allowed = new ArrayList<>(all.size());
            AddressRules.Refused first = null;
            for (InetAddress address : all) {
                switch (rules.check(address)) {
                    case AddressRules.Allowed ok -> allowed.add(address);
                    case AddressRules.Refused refused -> first = first == null ? refused : first;
                }
            }
            if (allowed.isEmpty() && first != null) {
                throw new RefusedAddressException(first);
            }
            return allowed;
        };
    }

    /** Plain sockets that refuse to connect to an address the rules refuse. */
    SocketFactory socketFactory() {
        return new SocketFactory() {
            @Override
            public Socket createSocket() {
                return new GuardedSocket();
            }

            @Override
            public Socket createSocket(String host, int port) throws IOException {
                return connected(new InetSocketAddress(host, port));
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
                return connected(new InetSocketAddress(host, port));
            }

            @Override
            public Socket createSocket(InetAddress host, int port) throws IOException {
                return connected(new InetSocketAddress(host, port));
            }

            @Override
            public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                    throws IOException {
                return connected(new InetSocketAddress(address, port));
            }

            private Socket connected(InetSocketAddress to) throws IOException {
                Socket socket = new GuardedSocket();
                socket.connect(to);
                return socket;
            }
        };
    }

    private final class GuardedSocket extends Socket {
        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            if (endpoint instanceof InetSocketAddress inet && inet.getAddress() != null
                    && rules.check(inet.getAddress()) instanceof AddressRules.Refused refused) {
                close();
                throw new RefusedAddressException(refused);
            }
            super.connect(endpoint, timeout);
        }
    }
}
