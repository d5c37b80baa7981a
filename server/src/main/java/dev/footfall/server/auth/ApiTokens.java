package dev.footfall.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Types;
import java.util.Base64;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code api_tokens} table. A token is {@code ff_} + 32 random bytes (base64url); only its
 * SHA-256 is stored, so a database dump reveals no usable token. Checking a token is one probe
 * of the unique hash key per request; there is no cache, so a revocation holds at once.
 */
public final class ApiTokens {
    /** Name of the token {@code FOOTFALL_ADMIN_TOKEN} maintains. */
    public static final String BOOTSTRAP_NAME = "FOOTFALL_ADMIN_TOKEN";

    private final DataSource db;
    private final SecureRandom random = new SecureRandom();

    public ApiTokens(DataSource db) {
        this.db = db;
    }

    /** Creates a token and returns its secret, shown once; empty when the name is taken. */
    public Optional<String> create(String name, Optional<Integer> siteId, boolean admin) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = "ff_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String sql = "INSERT INTO api_tokens (name, token_hash, site_id, admin, created_ms) VALUES (?, ?, ?, ?, ?) /* ApiTokens.create */";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            ps.setBytes(2, sha256(token));
            if (siteId.isPresent()) {
                ps.setInt(3, siteId.get());
            } else {
                ps.setNull(3, Types.INTEGER);
            }
            ps.setInt(4, admin ? 1 : 0);
            ps.setLong(5, System.currentTimeMillis());
            ps.executeUpdate();
            return Optional.of(token);
        } catch (SQLIntegrityConstraintViolationException e) {
            return Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("auth: cannot create token " + name, e);
        }
    }

    /** Makes {@code token} the admin token named {@value #BOOTSTRAP_NAME}, replacing an older secret. */
    public void bootstrapAdmin(String token) {
        String sql = "INSERT INTO api_tokens (name, token_hash, site_id, admin, created_ms) VALUES (?, ?, NULL, 1, ?)"
                + " ON DUPLICATE KEY UPDATE token_hash = VALUES(token_hash), admin = 1, site_id = NULL, revoked_ms = NULL"
                + " /* ApiTokens.bootstrapAdmin */";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, BOOTSTRAP_NAME);
            ps.setBytes(2, sha256(token));
            ps.setLong(3, System.currentTimeMillis());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("auth: cannot store the bootstrap admin token", e);
        }
    }

    /** Revokes the live token named {@code name}; false when there is none. */
    public boolean revoke(String name) {
        String sql = "UPDATE api_tokens SET revoked_ms = ? WHERE name = ? AND revoked_ms IS NULL /* ApiTokens.revoke */";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, System.currentTimeMillis());
            ps.setString(2, name);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("auth: cannot revoke token " + name, e);
        }
    }

    /** The live token with this secret, if any. */
    public Optional<ApiToken> find(String token) {
        String sql = "SELECT id, name, site_id, admin FROM api_tokens WHERE token_hash = ? AND revoked_ms IS NULL /* ApiTokens.find */";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setBytes(1, sha256(token));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                int site = rs.getInt(3);
                Optional<Integer> siteId = rs.wasNull() ? Optional.empty() : Optional.of(site);
                return Optional.of(new ApiToken(new ApiToken.TokenId(rs.getInt(1)), rs.getString(2), siteId, rs.getInt(4) == 1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("auth: cannot check a token", e);
        }
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
