package dev.errand.bot.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errand.agent.execution.ToolOutcome;
import dev.errand.agent.journal.StepJournal;
import dev.errand.tools.ToolContext;
import dev.errand.tools.ToolName;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Keeps the step journal in {@code run_step}, committing each record on its own so it survives a crash. */
@ApplicationScoped
public class DatabaseStepJournal implements StepJournal {

    @Override
    public void started(ToolContext step, ToolName tool, JsonNode arguments) {
        QuarkusTransaction.requiringNew().run(() -> {
            RunStepEntity row = new RunStepEntity();
            row.runId = step.runId();
            row.step = step.step();
            row.tool = tool.value();
            row.arguments = arguments.toString();
            row.status = "RUNNING";
            row.startedAt = Instant.now();
            row.persist();
        });
    }

    @Override
    public void finished(ToolContext step, ToolName tool, ToolOutcome outcome) {
        QuarkusTransaction.requiringNew().run(() -> {
            RunStepEntity row = RunStepEntity.findById(new RunStepEntity.Key(step.runId(), step.step()));
            row.finishedAt = Instant.now();
            if (outcome instanceof ToolOutcome.Succeeded succeeded) {
                row.status = "SUCCEEDED";
                row.result = succeeded.json().toString();
            } else if (outcome instanceof ToolOutcome.Failed failed) {
                row.status = "FAILED";
                row.error = failed.message();
            } else if (outcome instanceof ToolOutcome.Rejected rejected) {
                row.status = "REJECTED";
                row.error = rejected.reason();
            } else {
                throw new IllegalStateException("unknown outcome " + outcome);
            }
        });
    }
}
