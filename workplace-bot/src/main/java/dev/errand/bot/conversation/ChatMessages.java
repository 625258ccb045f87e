package dev.errand.bot.conversation;

import dev.errand.agent.reply.Reply;
import dev.errand.bot.chat.ChatMessage;
import dev.errand.workflows.engine.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The bot's record of each chat message (table {@code chat_message}): the platform's message id, which
 * makes a redelivered message count once, where its reply goes, the reply, and how its delivery went.
 * The run that answers it lives in the engine, linked by id. Every method works in the caller's transaction.
 */
public final class ChatMessages {

    /** Where a message's reply goes. */
    public record ReplyAddress(String replyTo, Instant expiresAt) {
    }

    /** How a message's reply delivery stands. */
    public enum Delivery {
        PENDING, DELIVERED, FAILED, NOT_NEEDED
    }

    private ChatMessages() {
    }

    /** Records a message; false when its (channel, message id) was recorded before. */
    static boolean insert(Connection c, ChatMessage message, UUID runId, Instant now, Delivery delivery)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO chat_message (channel, message_id, run_id, tenant, sender, thread_id, request_text, reply_to,
                                          reply_to_expires_at, delivery_status, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            s.setString(1, message.channel().name());
            s.setString(2, message.messageId());
            s.setObject(3, runId);
            s.setString(4, message.tenant());
            s.setString(5, message.user());
            s.setString(6, message.threadId());
            s.setString(7, message.text());
            s.setString(8, message.replyTo());
            s.setTimestamp(9, message.replyToExpiresAt() == null ? null : Timestamp.from(message.replyToExpiresAt()));
            s.setString(10, delivery.name());
            s.setTimestamp(11, Timestamp.from(now));
            s.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (Database.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    static void storeReply(Connection c, UUID runId, Reply reply, long tokens) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE chat_message SET reply_format = ?, reply_title = ?, reply_text = ?, tokens = ? WHERE run_id = ?")) {
            s.setString(1, reply instanceof Reply.Markdown ? "markdown" : "text");
            s.setString(2, reply instanceof Reply.Markdown md ? truncate(md.title(), 255) : null);
            s.setString(3, reply.text());
            s.setLong(4, tokens);
            s.setObject(5, runId);
            s.executeUpdate();
        }
    }

    static void delivery(Connection c, UUID runId, Delivery status, String error, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE chat_message SET delivery_status = ?, delivery_error = ?, delivered_at = ? WHERE run_id = ?")) {
            s.setString(1, status.name());
            s.setString(2, error);
            s.setTimestamp(3, status == Delivery.DELIVERED ? Timestamp.from(at) : null);
            s.setObject(4, runId);
            s.executeUpdate();
        }
    }

    static Optional<ReplyAddress> replyAddress(Connection c, UUID runId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT reply_to, reply_to_expires_at FROM chat_message WHERE run_id = ?")) {
            s.setObject(1, runId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) {
                    return Optional.empty();
                }
                Timestamp expires = rs.getTimestamp(2);
                return Optional.of(new ReplyAddress(rs.getString(1), expires == null ? null : expires.toInstant()));
            }
        }
    }

    /** Model tokens the tenant's runs used since {@code since} (their replies record them). */
    static long tokensSince(Connection c, String tenant, Instant since) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT COALESCE(SUM(tokens), 0) FROM chat_message WHERE tenant = ? AND received_at >= ?")) {
            s.setString(1, tenant);
            s.setTimestamp(2, Timestamp.from(since));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
