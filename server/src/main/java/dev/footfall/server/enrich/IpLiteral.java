package dev.footfall.server.enrich;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Strict parsing of IP address text from configuration and proxy headers, without DNS: a
 * hostname in {@code X-Forwarded-For} must never trigger a lookup (that would let any client
 * make the server resolve names, and block an ingest thread for seconds).
 *
 * <p>Accepts dotted-quad IPv4 ({@code 203.0.113.7}), IPv6 ({@code 2001:db8::1},
 * {@code ::ffff:203.0.113.7}, which becomes IPv4), and in headers the forms proxies add:
 * {@code [2001:db8::1]}, {@code [2001:db8::1]:443} and {@code 203.0.113.7:51234}. Rejects the
 * short IPv4 forms the JDK would accept ({@code 127.1}, {@code 2130706433}), zone ids and
 * anything else, with IllegalArgumentException. Built on {@link InetAddress#ofLiteral}
 * (JDK 22+), which parses without resolving; costs well under a microsecond.
 */
final class IpLiteral {
    /** Longest literal considered: a full IPv6 with embedded IPv4 in brackets plus a port. */
    static final int MAX_CHARS = 53;

    private IpLiteral() {
    }

    /** The address in {@code text}, which may carry brackets and a port. */
    static InetAddress parse(String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty() || s.length() > MAX_CHARS) {
            throw new IllegalArgumentException("not an IP address: '" + text + "'");
        }
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || (close + 1 < s.length() && s.charAt(close + 1) != ':')) {
                throw new IllegalArgumentException("not an IP address: '" + text + "'");
            }
            s = s.substring(1, close);
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':') && s.indexOf('.') > 0) {
            s = s.substring(0, s.indexOf(':'));
        }
        if (s.indexOf(':') < 0 && !isDottedQuad(s)) {
            throw new IllegalArgumentException("not an IP address: '" + text + "'");
        }
        if (s.indexOf('%') >= 0) {
            throw new IllegalArgumentException("zone ids are not allowed: '" + text + "'");
        }
        // Pick the parser by shape: InetAddress.ofLiteral tries IPv4 first and throws for every
        // IPv6 address (5,455 exceptions in 25 s of benchmark load, see docs/benchmarks-history.md).
        return s.indexOf(':') >= 0 ? Inet6Address.ofLiteral(s) : Inet4Address.ofLiteral(s);
    }

    private static boolean isDottedQuad(String s) {
        int dots = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return dots == 3;
    }
}
