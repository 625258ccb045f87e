package dev.errand.bot.chat.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.errand.agent.policy.Principal;
import dev.errand.bot.api.StrictStringDeserializer;
import dev.errand.bot.chat.ChatChannel;
import dev.errand.bot.chat.ChatMessage;
import dev.errand.bot.conversation.Inbox;
import dev.errand.workflows.approval.Approval;
import dev.errand.workflows.approval.ApprovalStatus;
import dev.errand.workflows.approval.Approvals;
import dev.errand.bot.identity.Caller;
import dev.errand.workflows.engine.Engine;
import dev.errand.workflows.engine.RunEnd;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import dev.errand.bot.identity.ApiSecurity;

/** Talk to Errand without a chat platform, for scripts and tests: one request in, the reply out. */
@Path("/api/chat")
@SecurityRequirement(name = ApiSecurity.SCHEME)
public class ChatApiResource {

    /**
     * A message from the employee whose API key authenticated the request (who they are and their tenant come from
     * the key, never from the body). {@code text} takes a JSON string only; its limit is {@link ChatMessage}'s.
     */
    @Schema(description = "A message from an employee")
    public record ChatRequest(
            @Schema(description = "What the employee says: free text or a slash command",
                    examples = "/order 8812", required = true, maxLength = ChatMessage.MAX_TEXT_LENGTH)
            @JsonDeserialize(using = StrictStringDeserializer.class) String text) {
    }

    /** Errand's answer. */
    @Schema(description = "Errand's answer")
    public record ChatResponse(
            @Schema(description = "Id of the stored run") UUID runId,
            @Schema(description = "markdown or text") String format,
            @Schema(description = "Title of a markdown reply") String title,
            @Schema(description = "The reply") String text) {
    }

    /** A run that did not end within the wait: it goes on, and {@code GET /api/runs/{id}} shows it. */
    @Schema(description = "A request still being handled")
    public record Pending(@Schema(description = "Id of the stored run") UUID runId,
            @Schema(description = "RUNNING, or WAITING_FOR_APPROVAL") String status,
            @Schema(description = "The approvals the run waits for (GET /api/approvals/{id})") List<UUID> approvals) {
        Pending(UUID runId, String status) {
            this(runId, status, List.of());
        }
    }

    /** How long a caller waits for the reply before getting 202 and the run id. */
    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Inbox inbox;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper json;

    @Inject
    Engine engine;

    @Inject
    Approvals approvals;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a message to Errand and get its reply",
            description = "Acts as the employee whose API key is sent (Authorization: Bearer <key>). 200 with the reply; "
                    + "202 with the run id and its approvals when the run waits for approval (at once), or when it waits "
                    + "(a retry's backoff) longer than 30 s; it goes on and GET /api/runs/{id} shows it.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ChatRequest.class)))
    public Response chat(byte[] body) throws java.io.IOException {
        // read here, not by the framework: an unknown field (tenant, user: they come from the API key) is refused
        ChatRequest request = body.length == 0 ? null
                : json.readerFor(ChatRequest.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(body);
        String missing = request == null ? "body"
                : request.text() == null || request.text().isBlank() ? "text" : null;
        if (missing != null) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", "field '" + missing + "' is missing"))
                    .build();
        }
        Principal who = caller.principal();
        ChatMessage message = new ChatMessage(ChatChannel.API, UUID.randomUUID().toString(), who.tenant(),
                who.employeeId(), null, request.text().strip(), null, null);
        Inbox.Accepted accepted = inbox.acceptAndRun(message);
        if (!accepted.end().isDone()) {
            // parked for a human: answer at once rather than hold the caller for the whole wait
            List<UUID> waiting = approvals.ofRun(accepted.runId()).stream()
                    .filter(a -> a.status() == ApprovalStatus.PENDING).map(Approval::id).toList();
            if (!waiting.isEmpty()) {
                engine.forget(accepted.runId());
                return Response.accepted(new Pending(accepted.runId(), "WAITING_FOR_APPROVAL", waiting)).build();
            }
        }
        RunEnd end;
        try {
            end = accepted.end().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            engine.forget(accepted.runId());
            return Response.accepted(new Pending(accepted.runId(), "RUNNING")).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Response.accepted(new Pending(accepted.runId(), "RUNNING")).build();
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for run " + accepted.runId() + " failed", e.getCause());
        }
        if (end.output() == null) {
            return Response.serverError().entity(Map.of("error", "the request could not be handled", "runId",
                    accepted.runId().toString())).build();
        }
        JsonNode reply = end.output();
        String format = reply.path("format").asText("text");
        return Response.ok(new ChatResponse(accepted.runId(), format,
                "markdown".equals(format) ? reply.path("title").asText() : null, reply.path("text").asText())).build();
    }
}
