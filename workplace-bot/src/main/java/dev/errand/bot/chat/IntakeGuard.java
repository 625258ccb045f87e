package dev.errand.bot.chat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A last check of an inbound message made in the transaction that stores it (e.g. that a DingTalk signature pair
 * was not first used by another message), so that the check and the acknowledged message commit together.
 */
@FunctionalInterface
public interface IntakeGuard {
    IntakeGuard NONE = c -> Optional.empty();

    /** Empty to admit the message; otherwise why it is refused (answered 401, nothing stored). */
    Optional<String> refusal(Connection transaction) throws SQLException;
}
