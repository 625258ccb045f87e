package dev.errand.bot.run.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.bot.run.RunEntity;
import dev.errand.bot.run.RunStepEntity;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** What an admin sees of the conversations: runs, newest first, and each run's steps. */
@Path("/api/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {

    /** One run in a listing. */
    public record RunView(UUID id, String channel, String tenant, String employee, String request, String status,
            String reply, long tokens, String error, Instant createdAt, Instant updatedAt) {
        static RunView of(RunEntity run) {
            return new RunView(run.id, run.channel, run.tenant, run.employee, run.requestText, run.status.name(),
                    run.replyText, run.tokens, run.error, run.createdAt, run.updatedAt);
        }
    }

    /** One tool call of a run. */
    public record StepView(int step, String tool, JsonNode arguments, String status, JsonNode result, String error,
            Instant startedAt, Instant finishedAt) {
    }

    /** A run with its steps. */
    public record RunDetail(RunView run, List<StepView> steps) {
    }

    @Inject
    ObjectMapper json;

    @GET
    @Transactional
    @Operation(summary = "List runs, newest first")
    public List<RunView> list(@QueryParam("limit") @DefaultValue("20") int limit) {
        int size = Math.max(1, Math.min(limit, 200));
        return RunEntity.<RunEntity>findAll(Sort.descending("createdAt")).page(Page.ofSize(size)).list().stream()
                .map(RunView::of).toList();
    }

    @GET
    @Path("/{id}")
    @Transactional
    @Operation(summary = "One run with its tool calls")
    public RunDetail get(@PathParam("id") UUID id) {
        RunEntity run = RunEntity.findById(id);
        if (run == null) {
            throw new NotFoundException("run " + id + " not found");
        }
        List<StepView> steps = RunStepEntity.ofRun(id).stream()
                .map(s -> new StepView(s.step, s.tool, parse(s.arguments), s.status, parse(s.result), s.error,
                        s.startedAt, s.finishedAt))
                .toList();
        return new RunDetail(RunView.of(run), steps);
    }

    private JsonNode parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (IOException e) {
            return json.getNodeFactory().textNode(text);
        }
    }
}
