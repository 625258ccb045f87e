package dev.errand.bot.documents.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.errand.agent.policy.Principal;
import dev.errand.bot.api.ApiError;
import dev.errand.bot.api.StrictStringDeserializer;
import dev.errand.bot.identity.Caller;
import dev.errand.bot.wiring.DocumentWiring;
import dev.errand.connectors.documents.Chunk;
import dev.errand.connectors.documents.DocumentFormat;
import dev.errand.connectors.documents.DocumentInfo;
import dev.errand.connectors.documents.DocumentLimits;
import dev.errand.connectors.documents.DocumentNotFoundException;
import dev.errand.connectors.documents.DocumentService;
import dev.errand.connectors.documents.Ingested;
import dev.errand.connectors.documents.InvalidDocumentException;
import dev.errand.connectors.documents.NewDocument;
import dev.errand.connectors.documents.Passage;
import dev.errand.connectors.documents.StoredDocument;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The company's documents: publishers (a tenant's admins, and roles that list {@code publish_documents} among their
 * tools) publish, replace and delete them; every employee lists, reads and searches those of their tenant that their
 * groups may read. Another tenant's documents, and those the caller may not read, do not exist (404).
 */
@Path("/api/documents")
@Produces(MediaType.APPLICATION_JSON)
public class DocumentsResource {
    /** The role permission (listed under a role's {@code tools}) that lets its employees publish documents. */
    public static final String PUBLISH = "publish_documents";

    /** A document sent as JSON. */
    @Schema(description = "A document as text: markdown, text or html, and the groups that may read it (none: everyone "
            + "of the tenant)")
    public record DocumentRequest(
            @Schema(required = true, maxLength = DocumentLimits.MAX_TITLE_CHARS)
            @JsonDeserialize(using = StrictStringDeserializer.class) String title,
            @Schema(required = true, description = "The text, at most 2 MB (UTF-8)")
            @JsonDeserialize(using = StrictStringDeserializer.class) String content,
            @Schema(description = "markdown (the default), text or html", enumeration = {"markdown", "text", "html"})
            @JsonDeserialize(using = StrictStringDeserializer.class) String format,
            @Schema(description = "Groups that may read it; empty or absent: every employee of the tenant")
            List<String> groups) {
    }

    /** What publishing or replacing answers. */
    public record IngestedView(UUID id, int version, int chunks) {
        static IngestedView of(Ingested i) {
            return new IngestedView(i.id(), i.version(), i.chunks());
        }
    }

    /** A document in a list. */
    public record DocumentView(UUID id, String title, String format, List<String> groups, int version, int chunks,
            String publishedBy, Instant updatedAt) {
        static DocumentView of(DocumentInfo i) {
            return new DocumentView(i.id(), i.title(), i.format().wire(), i.groups(), i.version(), i.chunks(),
                    i.publishedBy(), i.updatedAt());
        }
    }

    /** One chunk of a document. */
    public record ChunkView(int position, List<String> headingPath, String text) {
        static ChunkView of(Chunk c) {
            return new ChunkView(c.position(), c.headingPath(), c.text());
        }
    }

    /** A document with its text and chunks. */
    public record DocumentDetail(DocumentView document, String text, List<ChunkView> chunks) {
    }

    /** A search hit. */
    public record PassageView(UUID documentId, String title, List<String> headingPath, int position, double score,
            String text, @Schema(description = "How an answer cites it: [title § heading]") String cite) {
        static PassageView of(Passage p) {
            return new PassageView(p.documentId(), p.title(), p.headingPath(), p.position(), p.score(), p.text(), p.cite());
        }
    }

    @Inject
    DocumentService documents;

    @Inject
    Caller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Publish a document sent as JSON",
            description = "201 with its id and number of chunks; 400 naming the field for an empty or too large "
                    + "document, a bad format or group; 403 for employees who may not publish.")
    public Response publish(DocumentRequest request) {
        Optional<Response> refused = mayNotPublish();
        if (refused.isPresent()) {
            return refused.get();
        }
        Principal who = caller.principal();
        Ingested ingested = documents.publish(who.tenant(), who.employeeId(), fromJson(request));
        return Response.created(URI.create("/api/documents/" + ingested.id())).entity(IngestedView.of(ingested)).build();
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Publish an uploaded file (markdown, text, HTML, PDF or Word)",
            description = "Form fields: file (required), title (default: the file name), format (default: from the file "
                    + "name), groups (repeat the field, or separate by commas). At most 2 MB.")
    public Response upload(@RestForm("file") FileUpload file, @RestForm("title") String title,
            @RestForm("format") String format, @RestForm("groups") List<String> groups) {
        Optional<Response> refused = mayNotPublish();
        if (refused.isPresent()) {
            return refused.get();
        }
        Principal who = caller.principal();
        Ingested ingested = documents.publish(who.tenant(), who.employeeId(), fromUpload(file, title, format, groups));
        return Response.created(URI.create("/api/documents/" + ingested.id())).entity(IngestedView.of(ingested)).build();
    }

    @GET
    @Operation(summary = "The documents the caller may read, by title")
    public List<DocumentView> list() {
        return documents.list(DocumentWiring.reader(caller.principal())).stream().map(DocumentView::of).toList();
    }

    @GET
    @Path("/search")
    @Operation(summary = "Search the documents the caller may read",
            description = "Hybrid: BM25 and embeddings fused by reciprocal rank. q: at most 2000 characters, taken as "
                    + "words (no query syntax); k: 1 to 50. An empty list when nothing answers.")
    public List<PassageView> search(@QueryParam("q") String q, @QueryParam("k") @DefaultValue("5") String k) {
        int count;
        try {
            count = Integer.parseInt(k.strip());
        } catch (NumberFormatException e) {
            throw new InvalidDocumentException("k", "must be a whole number between 1 and " + DocumentLimits.MAX_K);
        }
        return documents.search(DocumentWiring.reader(caller.principal()), q, count).stream().map(PassageView::of)
                .toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One document with its text and chunks")
    public Response get(@PathParam("id") String id) {
        StoredDocument d = documents.get(DocumentWiring.reader(caller.principal()), documentId(id));
        return Response.ok(new DocumentDetail(DocumentView.of(d.info()), d.text(),
                d.chunks().stream().map(ChunkView::of).toList())).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a document with a new version (sent as JSON)",
            description = "Its old chunks leave search at once. A refused replacement keeps the stored version.")
    public Response replace(@PathParam("id") String id, DocumentRequest request) {
        Optional<Response> refused = mayNotPublish();
        if (refused.isPresent()) {
            return refused.get();
        }
        Principal who = caller.principal();
        return Response.ok(IngestedView.of(documents.replace(who.tenant(), who.employeeId(), documentId(id),
                fromJson(request)))).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Replace a document with an uploaded file")
    public Response replaceUpload(@PathParam("id") String id, @RestForm("file") FileUpload file,
            @RestForm("title") String title, @RestForm("format") String format, @RestForm("groups") List<String> groups) {
        Optional<Response> refused = mayNotPublish();
        if (refused.isPresent()) {
            return refused.get();
        }
        Principal who = caller.principal();
        return Response.ok(IngestedView.of(documents.replace(who.tenant(), who.employeeId(), documentId(id),
                fromUpload(file, title, format, groups)))).build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a document; it leaves search at once")
    public Response delete(@PathParam("id") String id) {
        Optional<Response> refused = mayNotPublish();
        if (refused.isPresent()) {
            return refused.get();
        }
        documents.delete(caller.principal().tenant(), documentId(id));
        return Response.noContent().build();
    }

    private Optional<Response> mayNotPublish() {
        Principal who = caller.principal();
        if (who.admin() || who.mayUse(PUBLISH)) {
            return Optional.empty();
        }
        return Optional.of(ApiError.response(403, "only a tenant's admins and roles with " + PUBLISH
                + " may publish, replace or delete documents"));
    }

    private static UUID documentId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new DocumentNotFoundException(new UUID(0, 0));
        }
    }

    private static NewDocument fromJson(DocumentRequest request) {
        if (request == null) {
            throw new InvalidDocumentException("body", "is missing: send {\"title\", \"content\", \"format\", \"groups\"}");
        }
        if (request.content() == null) {
            throw new InvalidDocumentException("content", "is missing");
        }
        String formatName = request.format() == null ? "markdown" : request.format();
        DocumentFormat format = DocumentFormat.fromWire(formatName)
                .filter(f -> f == DocumentFormat.MARKDOWN || f == DocumentFormat.TEXT || f == DocumentFormat.HTML)
                .orElseThrow(() -> new InvalidDocumentException("format", "must be markdown, text or html (upload PDF "
                        + "and Word files as multipart/form-data)"));
        return NewDocument.text(request.title(), format, request.content(), groups(request.groups()));
    }

    private static NewDocument fromUpload(FileUpload file, String title, String formatName, List<String> groups) {
        if (file == null) {
            throw new InvalidDocumentException("file", "is missing (a multipart form field named file)");
        }
        if (file.size() > DocumentLimits.MAX_SOURCE_BYTES) {
            throw new InvalidDocumentException("file", "is " + file.size() + " bytes, more than the limit of "
                    + DocumentLimits.MAX_SOURCE_BYTES + " (2 MB)");
        }
        DocumentFormat format = (formatName == null || formatName.isBlank()
                ? DocumentFormat.fromFileName(file.fileName())
                : DocumentFormat.fromWire(formatName))
                .orElseThrow(() -> new InvalidDocumentException(formatName == null || formatName.isBlank() ? "file"
                        : "format", "unsupported format: send markdown (.md), text (.txt), html, pdf or word (.docx)"));
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = title == null || title.isBlank() ? stripExtension(file.fileName()) : title;
        List<String> all = new ArrayList<>();
        for (String g : groups == null ? List.<String>of() : groups) {
            for (String part : g.split(",")) {
                if (!part.isBlank()) {
                    all.add(part.strip());
                }
            }
        }
        return NewDocument.file(name, format, bytes, all);
    }

    private static List<String> groups(List<String> groups) {
        if (groups == null) {
            return List.of();
        }
        if (groups.stream().anyMatch(g -> g == null)) {
            throw new InvalidDocumentException("groups", "must be a list of group names");
        }
        return groups;
    }

    private static String stripExtension(String fileName) {
        if (fileName == null) {
            return "";
        }
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    @ServerExceptionMapper
    public Response invalid(InvalidDocumentException e) {
        return ApiError.response(400, e.getMessage());
    }

    @ServerExceptionMapper
    public Response notFound(DocumentNotFoundException e) {
        return ApiError.response(404, "document not found");
    }
}
