package dev.trawl.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which IP addresses a crawl may connect to. Public addresses always; the special ranges (loopback,
 * private, link-local — where cloud metadata lives —, carrier-grade NAT, multicast, reserved) only when a
 * seed is itself in that range, or when every range is allowed ({@code --allow-private}). A page on the
 * public web that links or redirects to {@code http://169.254.169.254/} or {@code http://localhost/} is
 * then refused, not fetched into the export.
 *
 * <p>Pure and immutable: it decides, the fetcher's {@code Dns} and socket factory act. Thread-safe.
 */
public final class AddressRules {

    /** A special-purpose range: its name (as records show it) and CIDR prefix. */
    record Range(String name, byte[] prefix, int bits) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (address[full] & mask) == (prefix[full] & mask);
        }

        static Range of(String name, String cidr) {
            int slash = cidr.indexOf('/');
            try {
                byte[] prefix = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
                return new Range(name, prefix, Integer.parseInt(cidr.substring(slash + 1)));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not a CIDR literal: " + cidr, e);
            }
        }

        @Override
        public String toString() {
            return name;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Range r && r.name.equals(name) && r.bits == bits && Arrays.equals(r.prefix, prefix);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, bits, Arrays.hashCode(prefix));
        }
    }

    /** IANA special-purpose ranges (RFC 6890 and successors) that are not the public internet. */
    static final List<Range> SPECIAL = List.of(
            Range.of("this-network 0.0.0.0/8", "0.0.0.0/8"),
            Range.of("private 10.0.0.0/8", "10.0.0.0/8"),
            Range.of("shared 100.64.0.0/10", "100.64.0.0/10"),
            Range.of("loopback 127.0.0.0/8", "127.0.0.0/8"),
            Range.of("link-local 169.254.0.0/16", "169.254.0.0/16"),
            Range.of("private 172.16.0.0/12", "172.16.0.0/12"),
            Range.of("ietf 192.0.0.0/24", "192.0.0.0/24"),
            Range.of("private 192.168.0.0/16", "192.168.0.0/16"),
            Range.of("benchmarking 198.18.0.0/15", "198.18.0.0/15"),
            Range.of("multicast 224.0.0.0/4", "224.0.0.0/4"),
            Range.of("reserved 240.0.0.0/4", "240.0.0.0/4"),
            Range.of("unspecified ::/128", "::/128"),
            Range.of("loopback ::1/128", "::1/128"),
            Range.of("unique-local fc00::/7", "fc00::/7"),
            Range.of("link-local fe80::/10", "fe80::/10"),
            Range.of("multicast ff00::/8", "ff00::/8"));

    private static final Range NAT64 = Range.of("nat64 64:ff9b::/96", "64:ff9b::/96");
    private static final Range SIX_TO_FOUR = Range.of("6to4 2002::/16", "2002::/16");

    /** Every address allowed: {@code --allow-private}, or a fetcher that is not a crawl's. */
    public static final AddressRules ALLOW_ALL = new AddressRules(Set.copyOf(SPECIAL), true);

    private final Set<Range> allowed;
    private final boolean allowAll;

    private AddressRules(Set<Range> allowed, boolean allowAll) {
        this.allowed = Set.copyOf(allowed);
        this.allowAll = allowAll;
    }

    /** Public addresses only. */
    public static AddressRules publicOnly() {
        return new AddressRules(Set.of(), false);
    }

    /**
     * Public addresses, and every special range one of {@code seedAddresses} lies in: a seed on
     * {@code 127.0.0.1} allows 127.0.0.0/8, a seed on {@code [::1]} allows ::1 only.
     */
    public static AddressRules forSeeds(List<InetAddress> seedAddresses) {
        return new AddressRules(seedAddresses.stream().map(AddressRules::specialRange).flatMap(Optional::stream)
                .collect(Collectors.toSet()), false);
    }

    /** The decision about one address. */
    public sealed interface Verdict permits Allowed, Refused {}

    /** The address may be connected to. */
    public record Allowed() implements Verdict {}

    /**
     * The address is in a special range no seed is in.
     *
     * @param address the address refused
     * @param range the range it lies in, e.g. {@code link-local 169.254.0.0/16}
     */
    public record Refused(InetAddress address, String range) implements Verdict {
        /** "169.254.169.254 is link-local 169.254.0.0/16; only public addresses …". */
        public String message() {
            return address.getHostAddress() + " is " + range
                    + ", not a public address, and no seed is in that range (--allow-private allows it)";
        }
    }

    /** Whether {@code address} may be connected to. */
    public Verdict check(InetAddress address) {
        if (allowAll) {
            return new Allowed();
        }
        Optional<Range> range = specialRange(address);
        if (range.isEmpty() || allowed.contains(range.get())) {
            return new Allowed();
        }
        return new Refused(address, range.get().name());
    }

    /** Whether every address is allowed. */
    public boolean allowsAll() {
        return allowAll;
    }

    /**
     * The special range {@code address} lies in, if any. An IPv4 address embedded in IPv6 (NAT64, 6to4; the
     * JDK already turns IPv4-mapped {@code ::ffff:a.b.c.d} into IPv4) is judged as that IPv4 address.
     */
    static Optional<Range> specialRange(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            if (NAT64.contains(bytes)) {
                return specialRange(ipv4(Arrays.copyOfRange(bytes, 12, 16)));
            }
            if (SIX_TO_FOUR.contains(bytes)) {
                return specialRange(ipv4(Arrays.copyOfRange(bytes, 2, 6)));
            }
        }
        return SPECIAL.stream().filter(r -> r.contains(bytes)).findFirst();
    }

    private static Inet4Address ipv4(byte[] four) {
        try {
            return (Inet4Address) InetAddress.getByAddress(four);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    @Override
    public String toString() {
        return allowAll ? "AddressRules[all]" : "AddressRules[public" + (allowed.isEmpty() ? "" : " + " + allowed) + "]";
    }
}
