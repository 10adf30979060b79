package dev.trawl.config;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of {@code fetch.resolve}: host names that resolve to a fixed address instead of asking DNS,
 * as curl's {@code --resolve} does. {@code h3.sim.test=127.0.0.1} matches that name only;
 * {@code *.sim.test=127.0.0.1} matches every name under {@code sim.test}. Immutable.
 *
 * @param name    a lower-case host name, or {@code *.} and a domain
 * @param address a literal IPv4 or IPv6 address
 */
public record ResolveRule(String name, String address) {

    private static final Pattern NAME = Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}"
            + "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    public ResolveRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a host name or *.domain: '" + name + "'");
        }
        if (!IPV4.matcher(address).matches() && !IPV6.matcher(address).matches()) {
            throw new IllegalArgumentException("not a literal IP address: '" + address + "' (write e.g. 127.0.0.1)");
        }
    }

    /** Parses {@code NAME=ADDRESS}. */
    public static ResolveRule parse(String text) {
        int equals = text.indexOf('=');
        if (equals < 0) {
            throw new IllegalArgumentException("expected NAME=ADDRESS, e.g. '*.sim.test=127.0.0.1': '" + text + "'");
        }
        return new ResolveRule(text.substring(0, equals).strip().toLowerCase(Locale.ROOT), text.substring(equals + 1).strip());
    }

    /** Whether this rule answers for {@code host} (compared case-insensitively). */
    public boolean matches(String host) {
        String wanted = host.toLowerCase(Locale.ROOT);
        return name.startsWith("*.") ? wanted.endsWith(name.substring(1)) : wanted.equals(name);
    }

    @Override
    public String toString() {
        return name + "=" + address;
    }
}
