package dev.trawl.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Which addresses a crawl may connect to. Literals only: nothing here resolves a name or opens a socket. */
class AddressRulesTest {

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest(name = "{0} is refused as {1}")
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1         | loopback 127.0.0.0/8",
        "127.200.1.1       | loopback 127.0.0.0/8",
        "169.254.169.254   | link-local 169.254.0.0/16",
        "10.1.2.3          | private 10.0.0.0/8",
        "172.16.0.1        | private 172.16.0.0/12",
        "172.31.255.255    | private 172.16.0.0/12",
        "192.168.1.1       | private 192.168.0.0/16",
        "100.64.0.1        | shared 100.64.0.0/10",
        "0.0.0.0           | this-network 0.0.0.0/8",
        "224.0.0.1         | multicast 224.0.0.0/4",
        "255.255.255.255   | reserved 240.0.0.0/4",
        "::1               | loopback ::1/128",
        "::                | unspecified ::/128",
        "fe80::1           | link-local fe80::/10",
        "fd12:3456::1      | unique-local fc00::/7",
        "::ffff:127.0.0.1  | loopback 127.0.0.0/8",
        "64:ff9b::a9fe:a9fe | link-local 169.254.0.0/16",
        "2002:7f00:1::     | loopback 127.0.0.0/8",
    })
    void specialAddressIsRefusedByDefault(String literal, String range) {
        var verdict = AddressRules.publicOnly().check(ip(literal));

        assertThat(verdict).isInstanceOfSatisfying(AddressRules.Refused.class, refused -> {
            assertThat(refused.range()).isEqualTo(range);
            assertThat(refused.message()).contains(range, "--allow-private");
        });
    }

    @ParameterizedTest(name = "{0} is public")
    @CsvSource({"93.184.216.34", "172.32.0.1", "100.128.0.1", "8.8.8.8", "2001:4860:4860::8888", "2606:4700::1111"})
    void publicAddressIsAllowed(String literal) {
        assertThat(AddressRules.publicOnly().check(ip(literal))).isInstanceOf(AddressRules.Allowed.class);
    }

    @Test
    void seedOnIpv6LoopbackAllowsOnlyThatRange() {
        var rules = AddressRules.forSeeds(List.of(ip("::1")));

        assertThat(rules.check(ip("::1"))).isInstanceOf(AddressRules.Allowed.class);
        assertThat(rules.check(ip("127.0.0.1"))).isInstanceOf(AddressRules.Refused.class);
        assertThat(rules.check(ip("169.254.169.254"))).isInstanceOf(AddressRules.Refused.class);
        assertThat(rules.check(ip("93.184.216.34"))).isInstanceOf(AddressRules.Allowed.class);
    }

    @Test
    void seedOnIpv4LoopbackAllowsTheWholeSlashEightButNothingElsePrivate() {
        var rules = AddressRules.forSeeds(List.of(ip("127.0.0.1"), ip("93.184.216.34")));

        assertThat(rules.check(ip("127.9.9.9"))).isInstanceOf(AddressRules.Allowed.class);
        assertThat(rules.check(ip("::1"))).isInstanceOf(AddressRules.Refused.class);
        assertThat(rules.check(ip("10.0.0.1"))).isInstanceOf(AddressRules.Refused.class);
    }

    @Test
    void allowAllAllowsEverySpecialRange() {
        for (String literal : List.of("127.0.0.1", "169.254.169.254", "::1", "10.0.0.1", "fe80::1")) {
            assertThat(AddressRules.ALLOW_ALL.check(ip(literal))).isInstanceOf(AddressRules.Allowed.class);
        }
    }
}
