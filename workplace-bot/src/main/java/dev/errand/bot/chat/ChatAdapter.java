package dev.errand.bot.chat;

import dev.errand.agent.reply.Reply;

/**
 * One chat platform's outbound side: renders a neutral {@link Reply} in the platform's format and
 * posts it to the conversation's reply address. (The inbound side is the platform's webhook resource.)
 */
public interface ChatAdapter {

    ChatChannel channel();

    /** Posts the reply; throws {@link ReplyDeliveryException} when the platform did not take it. */
    void deliver(String replyTo, Reply reply) throws ReplyDeliveryException;
}
