package dev.footfall.server.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientIpResolverTest {
    private static final String TRUSTED = "10.0.0.0/8, 127.0.0.1, ::1, fd00:abcd::/32, 192.168.1.0/24";

    record Case(String name, String trusted, String peer, String xff, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("untrusted peer ignores XFF", TRUSTED, "203.0.113.9", "198.51.100.1", "203.0.113.9"),
                new Case("nothing trusted by default", "", "10.0.0.1", "198.51.100.1", "10.0.0.1"),
                new Case("trusted peer, no header", TRUSTED, "10.0.0.1", null, "10.0.0.1"),
                new Case("trusted peer, blank header", TRUSTED, "10.0.0.1", "  ", "10.0.0.1"),
                new Case("trusted peer, one hop", TRUSTED, "10.0.0.1", "198.51.100.1", "198.51.100.1"),
                new Case("chain: right-most untrusted wins", TRUSTED, "10.0.0.1",
                        "1.2.3.4, 198.51.100.1, 10.9.9.9, 192.168.1.20", "198.51.100.1"),
                new Case("forged left entries are not read", TRUSTED, "127.0.0.1", "garbage, 8.8.8.8, 198.51.100.7", "198.51.100.7"),
                new Case("all trusted: left-most", TRUSTED, "10.0.0.1", "10.1.1.1, 10.2.2.2", "10.1.1.1"),
                new Case("IPv6 peer in CIDR", TRUSTED, "fd00:abcd:1::5", "2001:db8::42", "2001:db8::42"),
                new Case("IPv6 peer outside CIDR", TRUSTED, "fd00:abce::5", "2001:db8::42", "fd00:abce::5"),
                new Case("IPv6 loopback peer", TRUSTED, "::1", "198.51.100.3", "198.51.100.3"),
                new Case("bracketed IPv6 with port", TRUSTED, "10.0.0.1", "[2001:db8::7]:443", "2001:db8::7"),
                new Case("IPv4 with port", TRUSTED, "10.0.0.1", "198.51.100.1:51234", "198.51.100.1"),
                new Case("IPv4-mapped IPv6 peer matches IPv4 range", TRUSTED, "::ffff:10.0.0.1", "198.51.100.1", "198.51.100.1"),
                new Case("garbage XFF falls back to peer", TRUSTED, "10.0.0.1", "not-an-ip", "10.0.0.1"),
                new Case("hostname is not resolved", TRUSTED, "10.0.0.1", "localhost", "10.0.0.1"),
                new Case("short IPv4 form rejected", TRUSTED, "10.0.0.1", "127.1", "10.0.0.1"),
                new Case("garbage behind trusted hop falls back", TRUSTED, "10.0.0.1", "unknown, 10.3.3.3", "10.0.0.1"),
                new Case("empty entries skipped", TRUSTED, "10.0.0.1", "198.51.100.1,, ,", "198.51.100.1"),
                new Case("/0 trusts everything", "0.0.0.0/0", "203.0.113.9", "198.51.100.1, 203.0.113.8", "198.51.100.1"),
                new Case("host bits in CIDR are cleared", "10.1.2.3/8", "10.200.0.1", "198.51.100.1", "198.51.100.1"),
                new Case("odd prefix length", "192.168.1.128/25", "192.168.1.127", "198.51.100.1", "192.168.1.127"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void resolves(Case c) {
        ClientIpResolver resolver = ClientIpResolver.of(c.trusted());
        assertEquals(InetAddress.ofLiteral(c.expected()), resolver.resolve(InetAddress.ofLiteral(c.peer()), c.xff()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "10.0.0.0/x", "proxy.internal", "10.0.0", "::1/129", "fe80::1%eth0", "1.2.3.4/-1"})
    void invalidConfigEntryThrowsNamingIt(String bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClientIpResolver.of("127.0.0.1, " + bad));
        assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
    }

    @Test
    void nullConfigTrustsNobody() {
        InetAddress peer = InetAddress.ofLiteral("127.0.0.1");
        assertEquals(peer, ClientIpResolver.of(null).resolve(peer, "198.51.100.1"));
    }
}
