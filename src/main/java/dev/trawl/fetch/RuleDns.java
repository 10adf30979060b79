package dev.trawl.fetch;

import dev.trawl.config.ResolveRule;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import okhttp3.Dns;

/**
 * Resolves the names {@code fetch.resolve} covers to their fixed address, the first matching rule
 * winning, and every other name with the system resolver. How a crawl reaches the simulated web's
 * {@code h17.sim.test}. Immutable and thread-safe.
 */
final class RuleDns implements Dns {
    private final List<ResolveRule> rules;
    private final Dns fallback;

    RuleDns(List<ResolveRule> rules, Dns fallback) {
        this.rules = List.copyOf(rules);
        this.fallback = fallback;
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        for (ResolveRule rule : rules) {
            if (rule.matches(hostname)) {
                // A literal address: getByAddress-style parsing, no lookup; the name is kept for messages.
                InetAddress literal = InetAddress.getByName(rule.address());
                return List.of(InetAddress.getByAddress(hostname, literal.getAddress()));
            }
        }
        return fallback.lookup(hostname);
    }
}
