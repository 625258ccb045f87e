package dev.errand.bot.chat;

import dev.errand.agent.reply.Reply;

/**
 * One chat platform: verifies and reads its webhook requests into neutral {@link ChatMessage}s, and
 * renders neutral {@link Reply}s in the platform's format and posts them to the conversation.
 */
public interface ChatAdapter {

    ChatChannel channel();

    /** Verifies a webhook request (signature, timestamp window) before reading it, then reads it. */
    Inbound receive(WebhookRequest request);

    /**
     * Posts the reply to {@code replyTo}, the address {@link #receive} put in the message, as one
     * side-effecting call carrying {@code idempotencyKey}, the delivering step's key.
     *
     * @throws TransientReplyDeliveryException when a later post may succeed
     * @throws ReplyDeliveryException when it will not
     */
    void deliver(String replyTo, Reply reply, String idempotencyKey) throws ReplyDeliveryException;
}
