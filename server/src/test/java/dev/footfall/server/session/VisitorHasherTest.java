package dev.footfall.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The visitor id is SHA-256 over salt, site id, client, a zero byte and user agent: ids stay the same across releases. */
class VisitorHasherTest {
    private static final byte[] SALT = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    void idIsTheFirst63BitsOfSha256OverTheDocumentedInput() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(SALT);
        sha.update(ByteBuffer.allocate(4).putInt(42).array());
        sha.update("203.0.113.9".getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update("Mozilla/5.0 (X11; Linux x86_64) – ü".getBytes(StandardCharsets.UTF_8));
        long expected = ByteBuffer.wrap(sha.digest()).getLong() & Long.MAX_VALUE;

        assertEquals(expected, VisitorHasher.hash(SALT, 42, "203.0.113.9", "Mozilla/5.0 (X11; Linux x86_64) – ü"));
        assertNotEquals(expected, VisitorHasher.hash(SALT, 43, "203.0.113.9", "Mozilla/5.0 (X11; Linux x86_64) – ü"));
    }

    @Test
    void concurrentHashesAgree() {
        long once = VisitorHasher.hash(SALT, 7, "198.51.100.4", "agent");
        var ids = ConcurrentHashMap.<Long>newKeySet();
        IntStream.range(0, 10_000).parallel().forEach(i -> ids.add(VisitorHasher.hash(SALT, 7, "198.51.100.4", "agent")));
        assertEquals(Set.of(once), ids);
    }
}
