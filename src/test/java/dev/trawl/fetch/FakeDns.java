package dev.trawl.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import okhttp3.Dns;

/** Resolves every {@code *.test} name except {@code nowhere.test} and {@code localhost} to the loopback address. */
final class FakeDns implements Dns {
    static final String UNKNOWN_HOST = "nowhere.test";

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        if (hostname.equals(UNKNOWN_HOST)) {
            throw new UnknownHostException("no such host in the test DNS: " + hostname);
        }
        if (hostname.equals("localhost") || hostname.endsWith(".test")) {
            return List.of(InetAddress.getLoopbackAddress());
        }
        return Dns.SYSTEM.lookup(hostname);
    }
}
