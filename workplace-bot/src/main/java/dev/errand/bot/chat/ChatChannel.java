package dev.errand.bot.chat;

/** Where a conversation happens. */
public enum ChatChannel {
    /** A DingTalk enterprise robot. */
    DINGTALK,
    /** The REST API {@code POST /api/chat}, for scripts and tests. */
    API
}
