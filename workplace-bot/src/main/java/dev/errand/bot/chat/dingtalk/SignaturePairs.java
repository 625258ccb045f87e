package dev.errand.bot.chat.dingtalk;

import dev.errand.workflows.engine.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Remembers each accepted DingTalk {@code (timestamp, sign)} pair, in table {@code dingtalk_signature_pair}, with the
 * {@code msgId} and body hash it first came with, until the timestamp leaves the window. DingTalk's signature covers
 * only the timestamp, so without this one captured pair would carry any body; with it, a pair is good for the message
 * it first came with (a platform retry of that same message) and nothing else. In the database so every node sees it.
 */
@ApplicationScoped
public class SignaturePairs {

    @Inject
    Database database;

    public SignaturePairs() {
    }

    SignaturePairs(Database database) {
        this.database = database;
    }

    /** The message a pair was first accepted with. */
    record FirstUse(String msgIdSha256, String bodySha256) {
    }

    /**
     * True when the pair is new (now remembered until {@code expiresAt}) or was first used with this same msgId and
     * body; false when it came with another message before.
     */
    public boolean claim(long timestamp, String sign, String msgId, String body, Instant expiresAt, Instant now) {
        String bodyHash = sha256(body);
        String msgIdHash = sha256(msgId);
        Optional<FirstUse> first = database.transaction(c -> find(c, timestamp, sign));
        if (first.isEmpty()) {
            try {
                database.transaction(c -> {
                    try (PreparedStatement s = c.prepareStatement(
                            "DELETE FROM dingtalk_signature_pair WHERE expires_at < ?")) {
                        s.setTimestamp(1, Timestamp.from(now));
                        s.executeUpdate();
                    }
                    try (PreparedStatement s = c.prepareStatement("""
                            INSERT INTO dingtalk_signature_pair (ts, sign, msg_id_sha256, body_sha256, expires_at)
                            VALUES (?, ?, ?, ?, ?)""")) {
                        s.setLong(1, timestamp);
                        s.setString(2, sign);
                        s.setString(3, msgIdHash);
                        s.setString(4, bodyHash);
                        s.setTimestamp(5, Timestamp.from(expiresAt));
                        s.executeUpdate();
                    }
                    return null;
                });
                return true;
            } catch (Database.DatabaseException e) {
                if (!Database.UNIQUE_VIOLATION.equals(e.sqlState())) {
                    throw e;
                }
                // another request with the same pair won the insert: judge against what it stored
                first = database.transaction(c -> find(c, timestamp, sign));
                if (first.isEmpty()) {
                    throw e;
                }
            }
        }
        return first.get().msgIdSha256().equals(msgIdHash) && first.get().bodySha256().equals(bodyHash);
    }

    private static Optional<FirstUse> find(Connection c, long timestamp, String sign) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT msg_id_sha256, body_sha256 FROM dingtalk_signature_pair WHERE ts = ? AND sign = ?")) {
            s.setLong(1, timestamp);
            s.setString(2, sign);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new FirstUse(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    static String sha256(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks SHA-256", e);
        }
    }
}
