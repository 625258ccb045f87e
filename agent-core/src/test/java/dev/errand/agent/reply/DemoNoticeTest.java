package dev.errand.agent.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DemoNoticeTest {

    @Test
    void should_end_the_markdown_with_the_notice_after_a_blank_line() {
        assertThat(DemoNotice.append("### Order 8812\n- Amount: 120.00 CNY\n\n"))
                .isEqualTo("### Order 8812\n- Amount: 120.00 CNY\n\n" + DemoNotice.TEXT);
    }

    @Test
    void should_say_the_data_is_demo_data() {
        assertThat(DemoNotice.TEXT).containsIgnoringCase("demo data");
    }

    @Test
    void should_require_reply_text() {
        assertThatThrownBy(() -> new Reply.Text(null)).hasMessage("text");
        assertThatThrownBy(() -> new Reply.Markdown(null, "x")).hasMessage("title");
    }
}
