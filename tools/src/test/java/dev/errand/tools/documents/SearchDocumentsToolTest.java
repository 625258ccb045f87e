package dev.errand.tools.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.connectors.documents.DocumentFormat;
import dev.errand.connectors.documents.DocumentService;
import dev.errand.connectors.documents.DocumentStores;
import dev.errand.connectors.documents.HashingEmbedder;
import dev.errand.connectors.documents.NewDocument;
import dev.errand.connectors.documents.Reader;
import dev.errand.tools.ToolContext;
import dev.errand.tools.schema.ArgumentSchemas;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SearchDocumentsToolTest {
    private final DocumentService documents = new DocumentService(DocumentStores.inMemory(), new HashingEmbedder(),
            Clock.systemUTC());
    private final Map<String, Set<String>> groups = Map.of("li.lei", Set.of("support"), "fiona", Set.of("finance"));
    private final SearchDocumentsTool tool = new SearchDocumentsTool(documents,
            (tenant, employee) -> Reader.of(tenant, groups.getOrDefault(employee, Set.of())));

    @AfterEach
    void close() throws Exception {
        documents.close();
    }

    private static ToolContext as(String employee) {
        return new ToolContext("acme", employee, UUID.randomUUID(), "s1");
    }

    @Test
    void should_answer_passages_with_their_citation() {
        documents.publish("acme", "boss", NewDocument.text("Refund policy", DocumentFormat.MARKDOWN,
                "# Refunds\n\n## Damaged goods\n\nDamaged goods are refunded in full.", List.of("support")));

        DocumentPassages result = tool.call(new SearchDocumentsTool.Args("damaged goods refund"), as("li.lei"));

        assertThat(result.passages()).first().satisfies(f -> {
            assertThat(f.cite()).isEqualTo("[Refund policy § Refunds > Damaged goods]");
            assertThat(f.text()).isEqualTo("Damaged goods are refunded in full.");
        });
        assertThat(result.answerIfNothing()).isNull();
        assertThat(result.markdown()).contains("[Refund policy § Refunds > Damaged goods]");
    }

    @Test
    void should_tell_the_model_what_to_answer_when_nothing_readable_is_found() throws Exception {
        documents.publish("acme", "boss", NewDocument.text("Refund policy", DocumentFormat.TEXT,
                "Damaged goods are refunded in full.", List.of("support")));

        DocumentPassages result = tool.call(new SearchDocumentsTool.Args("damaged goods refund"), as("fiona"));

        assertThat(result.nothingFound()).isTrue();
        assertThat(new ObjectMapper().writeValueAsString(result))
                .contains("\"answerIfNothing\":\"I found nothing about that in the documents.\"");
        assertThat(tool.description()).contains("I found nothing about that in the documents.", "cite");
    }

    @Test
    void should_refuse_empty_or_huge_queries_as_arguments() {
        assertThatThrownBy(() -> new SearchDocumentsTool.Args(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SearchDocumentsTool.Args("x".repeat(10_000)))
                .hasMessageContaining("at most 2000");
        assertThat(ArgumentSchemas.of(SearchDocumentsTool.Args.class).path("required").toString()).isEqualTo("[\"query\"]");
        assertThat(tool.name().toString()).isEqualTo("search_documents");
    }
}
