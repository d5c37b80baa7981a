package dev.footfall.server.enrich;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * One trusted-proxy entry: an IPv4 or IPv6 network in CIDR form ({@code 10.0.0.0/8},
 * {@code fd00::/8}) or a single address (a /32 or /128). Host bits of the network are cleared,
 * so {@code 10.1.2.3/8} means {@code 10.0.0.0/8}. An IPv4 range never matches an IPv6 address
 * except an IPv4-mapped one, which the JDK already hands over as IPv4.
 *
 * <p>A class, not a record, because it holds the address bytes (records hold no arrays here).
 * Matching compares at most 16 bytes with no allocation beyond the candidate's address copy.
 */
final class IpRange {
    private final byte[] network;
    private final int prefixBits;

    private IpRange(byte[] network, int prefixBits) {
        this.network = network;
        this.prefixBits = prefixBits;
    }

    /** Parses "addr" or "addr/bits"; IllegalArgumentException for anything else. No DNS. */
    static IpRange parse(String entry) {
        String text = entry.strip();
        int slash = text.indexOf('/');
        byte[] address = IpLiteral.parse(slash < 0 ? text : text.substring(0, slash)).getAddress();
        int maxBits = address.length * 8;
        int bits = maxBits;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in '" + entry + "'");
            }
            if (bits < 0 || bits > maxBits) {
                throw new IllegalArgumentException("prefix length out of 0.." + maxBits + " in '" + entry + "'");
            }
        }
        for (int bit = bits; bit < maxBits; bit++) {
            address[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return new IpRange(address, bits);
    }

    boolean contains(InetAddress candidate) {
        byte[] bytes = candidate.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int fullBytes = prefixBits / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int restBits = prefixBits % 8;
        if (restBits == 0) {
            return true;
        }
        int mask = (0xFF << (8 - restBits)) & 0xFF;
        return (bytes[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixBits;
        } catch (UnknownHostException e) {
            return Arrays.toString(network) + "/" + prefixBits;
        }
    }
}
