package dev.errand.bot.chat.api;

import dev.errand.agent.reply.Reply;
import dev.errand.bot.chat.ChatChannel;
import dev.errand.bot.chat.ChatMessage;
import dev.errand.bot.conversation.Conversations;
import dev.errand.bot.conversation.Inbox;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Talk to Errand without a chat platform, for scripts and tests: one request in, the reply out. */
@Path("/api/chat")
public class ChatApiResource {

    /** A message from an employee. */
    @Schema(description = "A message from an employee")
    public record ChatRequest(
            @Schema(description = "Company (tenant) id", examples = "acme", required = true) String tenant,
            @Schema(description = "Employee id", examples = "manager4711", required = true) String user,
            @Schema(description = "What the employee says: free text or a slash command",
                    examples = "/order 8812", required = true) String text) {
    }

    /** Errand's answer. */
    @Schema(description = "Errand's answer")
    public record ChatResponse(
            @Schema(description = "Id of the stored run") UUID runId,
            @Schema(description = "markdown or text") String format,
            @Schema(description = "Title of a markdown reply") String title,
            @Schema(description = "The reply") String text) {
    }

    @Inject
    Inbox inbox;

    @Inject
    Conversations conversations;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a message to Errand and get its reply")
    public Response chat(ChatRequest request) {
        String missing = request == null ? "body" : request.tenant() == null || request.tenant().isBlank() ? "tenant"
                : request.user() == null || request.user().isBlank() ? "user"
                : request.text() == null || request.text().isBlank() ? "text" : null;
        if (missing != null) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", "field '" + missing + "' is missing"))
                    .build();
        }
        ChatMessage message = new ChatMessage(ChatChannel.API, UUID.randomUUID().toString(), request.tenant(),
                request.user(), null, request.text().strip(), null, null);
        UUID runId = inbox.store(message).orElseThrow();
        Reply reply = conversations.answer(runId).orElseThrow();
        conversations.deliver(runId);
        String title = reply instanceof Reply.Markdown md ? md.title() : null;
        return Response.ok(new ChatResponse(runId, title == null ? "text" : "markdown", title, reply.text())).build();
    }
}
