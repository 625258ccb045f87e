package dev.errand.agent;

import dev.errand.agent.catalog.ToolCatalog;
import dev.errand.agent.commands.CommandAgent;
import dev.errand.agent.execution.ToolExecutor;
import dev.errand.agent.llm.LlmAgent;
import dev.errand.agent.plan.PlanRunner;
import dev.errand.agent.policy.PolicyEngine;
import dev.errand.agent.reply.Reply;
import dev.errand.agent.run.RunContext;
import dev.langchain4j.model.chat.ChatModel;
import java.util.Optional;

/**
 * Errand's agent for one request: slash commands become one-step plans; free text goes to the model's
 * planner when one is configured, and otherwise gets a note that none is (offline mode never pretends
 * to be a model). Every plan, whoever made it, is judged by the same policy and run by the same executor.
 */
public final class Agent {
    static final String OFFLINE_NOTE = "No language model is configured, so I only understand commands.";

    private final CommandAgent commands;
    private final Optional<LlmAgent> llm;

    public Agent(ToolCatalog catalog, ToolExecutor executor, PolicyEngine policy, Optional<ChatModel> model,
            LlmAgent.Limits limits) {
        PlanRunner plans = new PlanRunner(executor, policy);
        this.commands = new CommandAgent(catalog, plans);
        this.llm = model.map(m -> new LlmAgent(m, catalog, plans, limits));
    }

    public boolean online() {
        return llm.isPresent();
    }

    public Reply handle(String text, RunContext run) {
        if (CommandAgent.isCommand(text)) {
            return commands.handle(text, run);
        }
        if (llm.isPresent()) {
            return llm.get().handle(text, run);
        }
        Reply help = commands.help();
        return new Reply.Markdown("Errand (offline)", OFFLINE_NOTE + "\n\n" + help.text());
    }
}
