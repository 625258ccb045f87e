package dev.errand.bot.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChatMessageTest {

    private static ChatMessage message(String messageId, String tenant, String user, String threadId, String text,
            String replyTo) {
        return new ChatMessage(ChatChannel.DINGTALK, messageId, tenant, user, threadId, text, replyTo, null);
    }

    private static InvalidMessageException refusal(Runnable build) {
        InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class, build::run);
        assertThat(e).as("an InvalidMessageException").isNotNull();
        return e;
    }

    @Test
    void should_accept_values_at_every_limit() {
        assertThatCode(() -> message("m".repeat(ChatMessage.MAX_MESSAGE_ID_LENGTH), "t".repeat(128), "u".repeat(128),
                "c".repeat(255), "x".repeat(8000), "https://oapi.dingtalk.com/" + "s".repeat(2048 - 26)))
                .doesNotThrowAnyException();
    }

    @Test
    void should_name_each_field_that_is_one_character_too_long() {
        assertThat(refusal(() -> message("m".repeat(256), "t", "u", null, "x", null)).getMessage())
                .isEqualTo("field 'messageId' is longer than 255 characters");
        assertThat(refusal(() -> message("m", "t".repeat(129), "u", null, "x", null)).getMessage())
                .isEqualTo("field 'tenant' is longer than 128 characters");
        assertThat(refusal(() -> message("m", "t", "u".repeat(129), null, "x", null)).getMessage())
                .isEqualTo("field 'user' is longer than 128 characters");
        assertThat(refusal(() -> message("m", "t", "u", "c".repeat(256), "x", null)).getMessage())
                .isEqualTo("field 'threadId' is longer than 255 characters");
        assertThat(refusal(() -> message("m", "t", "u", null, "x".repeat(8001), null)).getMessage())
                .isEqualTo("field 'text' is longer than 8000 characters");
        assertThat(refusal(() -> message("m", "t", "u", null, "x", "r".repeat(2049))).getMessage())
                .isEqualTo("field 'replyTo' is longer than 2048 characters");
    }

    @Test
    void should_keep_field_and_problem_apart_for_adapters_that_rename_the_field() {
        InvalidMessageException e = refusal(() -> message("m", "t".repeat(129), "u", null, "x", null));

        assertThat(e.field()).isEqualTo("tenant");
        assertThat(e.problem()).isEqualTo("is longer than 128 characters");
    }

    @Test
    void should_refuse_missing_and_blank_required_fields() {
        assertThat(refusal(() -> message(null, "t", "u", null, "x", null)).getMessage())
                .isEqualTo("field 'messageId' is missing");
        assertThat(refusal(() -> message("m", " ", "u", null, "x", null)).getMessage())
                .isEqualTo("field 'tenant' is blank");
        assertThat(refusal(() -> message("m", "t", null, null, "x", null)).getMessage())
                .isEqualTo("field 'user' is missing");
        assertThat(refusal(() -> message("m", "t", "u", null, " \n\t ", null)).getMessage())
                .isEqualTo("field 'text' is blank");
    }

    @Test
    void should_allow_line_breaks_and_tabs_in_text_only() {
        assertThatCode(() -> message("m", "t", "u", null, "line 1\r\nline\t2", null)).doesNotThrowAnyException();

        assertThat(refusal(() -> message("m", "t\n", "u", null, "x", null)).getMessage())
                .isEqualTo("field 'tenant' contains a control character");
        assertThat(refusal(() -> message("m\t", "t", "u", null, "x", null)).getMessage())
                .isEqualTo("field 'messageId' contains a control character");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\u0007", "\u001b", "\u007f", "\u0085", "\u009f"})
    void should_refuse_other_control_characters_in_text_and_ids(String control) {
        assertThat(refusal(() -> message("m", "t", "u", null, "/order 8812" + control, null)).getMessage())
                .isEqualTo("field 'text' contains a control character");
        assertThat(refusal(() -> message("m", "t", "u" + control, null, "x", null)).getMessage())
                .isEqualTo("field 'user' contains a control character");
    }

    @Test
    void should_refuse_a_lone_surrogate_but_accept_a_pair() {
        assertThatCode(() -> message("m", "t", "u", null, "order \uD83D\uDCE6 8812", null)).doesNotThrowAnyException();

        assertThat(refusal(() -> message("m", "t", "u", null, "x\uD83D", null)).getMessage())
                .isEqualTo("field 'text' is not valid Unicode");
        assertThat(refusal(() -> message("m", "\uDCE6t", "u", null, "x", null)).getMessage())
                .isEqualTo("field 'tenant' is not valid Unicode");
    }

    @Test
    void should_refuse_a_reply_deadline_a_timestamp_column_cannot_hold() {
        assertThat(refusal(() -> new ChatMessage(ChatChannel.DINGTALK, "m", "t", "u", null, "x", null,
                Instant.ofEpochMilli(Long.MAX_VALUE))).getMessage())
                .isEqualTo("field 'replyToExpiresAt' is out of range");
        assertThatCode(() -> new ChatMessage(ChatChannel.DINGTALK, "m", "t", "u", null, "x", null,
                Instant.parse("2026-12-02T10:00:00Z"))).doesNotThrowAnyException();
    }
}
