package dev.errand.bot.chat.dingtalk;

import dev.errand.bot.chat.IntakeGuard;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;
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
    private static final Logger LOG = Logger.getLogger(SignaturePairs.class);

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

    /** What refuses a pair first used by another message. */
    static final String REUSED = "headers 'timestamp' and 'sign' were already used for another message";
    /** Expired pairs are deleted at most this often per node, not on every message. */
    static final Duration CLEANUP_EVERY = Duration.ofMinutes(1);

    private final AtomicReference<Instant> lastCleanup = new AtomicReference<>(Instant.EPOCH);

    /**
     * The check of one callback's pair, made in the transaction that stores the message: a new pair is remembered
     * until {@code expiresAt} and admits it, as does a pair first used with this same msgId and body (the platform's
     * retry); a pair first used with another message refuses it. The pair and the message commit together.
     */
    public IntakeGuard guard(long timestamp, String sign, String msgId, String body, Instant expiresAt, Instant now) {
        String bodyHash = sha256(body);
        String msgIdHash = sha256(msgId);
        return c -> {
            Instant last = lastCleanup.get();
            if (last.plus(CLEANUP_EVERY).isBefore(now) && lastCleanup.compareAndSet(last, now)) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM dingtalk_signature_pair WHERE expires_at < ?")) {
                    s.setTimestamp(1, Timestamp.from(now));
                    s.executeUpdate();
                }
            }
            int inserted;
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO dingtalk_signature_pair (ts, sign, msg_id_sha256, body_sha256, expires_at)
                    VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
                s.setLong(1, timestamp);
                s.setString(2, sign);
                s.setString(3, msgIdHash);
                s.setString(4, bodyHash);
                s.setTimestamp(5, Timestamp.from(expiresAt));
                inserted = s.executeUpdate();
            }
            if (inserted == 1) {
                return Optional.empty();
            }
            Optional<FirstUse> first = find(c, timestamp, sign);
            boolean same = first.isPresent() && first.get().msgIdSha256().equals(msgIdHash)
                    && first.get().bodySha256().equals(bodyHash);
            if (!same) {
                LOG.warnf("refused a DingTalk callback: its timestamp and sign were first accepted with another message"
                        + " (timestamp %d)", timestamp);
            }
            return same ? Optional.empty() : Optional.of(REUSED);
        };
    }

    /** Runs {@code guard} in a transaction of its own, for a verified request that stores no message. */
    public Optional<String> check(IntakeGuard guard) {
        return database.transaction(guard::refusal);
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
