package dev.footfall.server.session;

import dev.footfall.server.event.Visitor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Visitor ids without cookies: {@code hash64(daily_salt, site_id, client, user_agent)}, where
 * client is the IP address (or the old tracker's opaque user id). SHA-256 truncated to 63 bits;
 * the input never leaves memory, so no IP is stored. About 1 µs per hash.
 */
public final class VisitorHasher {
    /** Looked up once; each hash clones it (the provider lookup cost more than the hash). */
    private static final MessageDigest SHA256;

    static {
        try {
            SHA256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private final Salts salts;

    public VisitorHasher(Salts salts) {
        this.salts = salts;
    }

    /** One visitor's id under today's salt and under yesterday's. */
    public Visitor visitor(long nowMs, int siteId, String client, String userAgent) {
        int today = Salts.utcDay(nowMs);
        byte[] input = input(siteId, client, userAgent);
        return new Visitor(hash(salts.forDay(today), input), hash(salts.forDay(today - 1), input));
    }

    /**
     * A client's key for the rate limit: today's id of the address alone (site 0, user agent
     * "rate"), one hash, as the previous day's id that {@link #visitor} also computes is not needed.
     */
    public long rateKey(long nowMs, String client) {
        return hash(salts.forDay(Salts.utcDay(nowMs)), input(0, client, "rate"));
    }

    /**
     * Ids of an imported event's visitor: the importer's opaque key hashed with today's salt and the
     * event's UTC day, so the same key is one visitor within a day and unlinkable across days, as
     * live visitors are; with the previous day's id so a visit over midnight goes on.
     */
    public Visitor importVisitor(long nowMs, int siteId, String visitorKey, long eventMs) {
        byte[] salt = salts.forDay(Salts.utcDay(nowMs));
        int day = Salts.utcDay(eventMs);
        String client = "import:" + visitorKey;
        return new Visitor(hash(salt, siteId, client, "day:" + day), hash(salt, siteId, client, "day:" + (day - 1)));
    }

    public static long hash(byte[] salt, int siteId, String client, String userAgent) {
        return hash(salt, input(siteId, client, userAgent));
    }

    /** What is hashed after the salt: the site id (4 bytes), the client, a zero byte, the user agent. */
    private static byte[] input(int siteId, String client, String userAgent) {
        byte[] c = client.getBytes(StandardCharsets.UTF_8);
        byte[] ua = userAgent.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + c.length + 1 + ua.length).putInt(siteId).put(c).put((byte) 0).put(ua).array();
    }

    private static long hash(byte[] salt, byte[] input) {
        MessageDigest sha = sha256();
        sha.update(salt);
        sha.update(input);
        long id = ByteBuffer.wrap(sha.digest()).getLong() & Long.MAX_VALUE;
        return id == 0 ? 1 : id;
    }

    /** A fresh SHA-256 digest. */
    private static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA256.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digest cannot be cloned", e);
        }
    }
}
