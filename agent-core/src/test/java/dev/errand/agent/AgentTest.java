package dev.errand.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.agent.catalog.ToolCatalog;
import dev.errand.agent.execution.ToolExecutor;
import dev.errand.agent.journal.InMemoryStepJournal;
import dev.errand.agent.llm.ScriptedChatModel;
import dev.errand.agent.reply.DemoNotice;
import dev.errand.agent.reply.Reply;
import dev.errand.agent.run.RunContext;
import dev.errand.agent.testing.TestRuns;
import dev.errand.connectors.payments.demo.DemoPaymentsConnector;
import dev.errand.connectors.shop.demo.DemoShopConnector;
import dev.errand.tools.orders.GetOrderTool;
import dev.errand.tools.payments.GetPaymentTool;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import dev.errand.agent.llm.LlmAgent;
import dev.errand.agent.policy.PolicyEngine;
import org.junit.jupiter.api.Test;

class AgentTest {
    private final InMemoryStepJournal journal = new InMemoryStepJournal();
    private final ToolCatalog catalog = new ToolCatalog(List.of(new GetOrderTool(new DemoShopConnector()),
            new GetPaymentTool(new DemoPaymentsConnector())));
    private final ToolExecutor executor = new ToolExecutor(catalog);
    private final RunContext run = TestRuns.run(TestRuns.alice("get_order", "get_payment", "refund_payment", "probe", "echo", "lookup"), journal);

    private Agent agent(Optional<ChatModel> model) {
        return new Agent(catalog, executor, new PolicyEngine(), model, new LlmAgent.Limits(5, 3, 10));
    }

    @Test
    void should_answer_free_text_offline_with_the_note_and_the_help_and_call_nothing() {
        Agent offline = agent(Optional.empty());

        Reply reply = offline.handle("what is the status of order 8812?", run);

        assertThat(offline.online()).isFalse();
        assertThat(reply).isInstanceOf(Reply.Markdown.class);
        assertThat(((Reply.Markdown) reply).title()).isEqualTo("Errand (offline)");
        assertThat(reply.text())
                .startsWith(Agent.OFFLINE_NOTE)
                .contains("`/order <order id>`")
                .contains("`/payment <order id>`")
                .contains("`/help`")
                .doesNotContain("WAIT_SELLER_SEND_GOODS")
                .doesNotContain(DemoNotice.TEXT);
        assertThat(toolSteps()).isEmpty();
        assertThat(run.tokens()).isZero();
    }

    @Test
    void should_still_run_commands_offline() {
        Reply reply = agent(Optional.empty()).handle("/order 8812", run);

        assertThat(reply).isInstanceOf(Reply.Markdown.class);
        assertThat(((Reply.Markdown) reply).title()).isEqualTo("Order 8812");
        assertThat(reply.text()).contains("120.00 CNY").endsWith(DemoNotice.TEXT);
    }

    @Test
    void should_route_commands_past_the_model_when_online() {
        ScriptedChatModel model = new ScriptedChatModel();
        Agent online = agent(Optional.of(model));

        Reply reply = online.handle("/order 8812", run);

        assertThat(online.online()).isTrue();
        assertThat(model.requests()).isEmpty();
        assertThat(reply).isInstanceOf(Reply.Markdown.class);
        assertThat(((Reply.Markdown) reply).title()).isEqualTo("Order 8812");
        assertThat(reply.text()).contains("- Amount: 120.00 CNY").endsWith(DemoNotice.TEXT);
    }

    @Test
    void should_route_help_past_the_model_when_online() {
        ScriptedChatModel model = new ScriptedChatModel();

        Reply reply = agent(Optional.of(model)).handle("/help", run);

        assertThat(model.requests()).isEmpty();
        assertThat(reply.text()).contains("/order").contains("/payment").contains("/help");
    }

    @Test
    void should_send_free_text_to_the_model_when_online() {
        ScriptedChatModel model = new ScriptedChatModel().answer("Hi, I am Errand.");

        Reply reply = agent(Optional.of(model)).handle("hello", run);

        assertThat(reply).isEqualTo(new Reply.Markdown("Errand", "Hi, I am Errand."));
        assertThat(model.requests()).hasSize(1);
        assertThat(((UserMessage) model.requests().get(0).messages().get(1)).singleText()).isEqualTo("hello");
    }

    /** The journaled tool calls, without the model calls. */
    private java.util.List<InMemoryStepJournal.Entry> toolSteps() {
        return journal.entries().stream().filter(e -> !e.name().equals("model") && !e.name().equals("plan")).toList();
    }
}
