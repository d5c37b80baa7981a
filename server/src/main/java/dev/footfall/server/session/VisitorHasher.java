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
    private final Salts salts;

    public VisitorHasher(Salts salts) {
        this.salts = salts;
    }

    /** One visitor's id under today's salt and under yesterday's. */
    public Visitor visitor(long nowMs, int siteId, String client, String userAgent) {
        int today = Salts.utcDay(nowMs);
        return new Visitor(hash(salts.forDay(today), siteId, client, userAgent), hash(salts.forDay(today - 1), siteId, client, userAgent));
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
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update(ByteBuffer.allocate(4).putInt(siteId).array());
            sha.update(client.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(userAgent.getBytes(StandardCharsets.UTF_8));
            long id = ByteBuffer.wrap(sha.digest()).getLong() & Long.MAX_VALUE;
            return id == 0 ? 1 : id;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
