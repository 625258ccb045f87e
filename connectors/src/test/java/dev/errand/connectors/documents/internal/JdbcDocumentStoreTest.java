package dev.errand.connectors.documents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.connectors.documents.DocumentFormat;
import dev.errand.connectors.documents.DocumentInfo;
import dev.errand.connectors.documents.DocumentService;
import dev.errand.connectors.documents.DocumentStore;
import dev.errand.connectors.documents.DocumentStores;
import dev.errand.connectors.documents.HashingEmbedder;
import dev.errand.connectors.documents.NewDocument;
import dev.errand.connectors.documents.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JDBC store on H2 in PostgreSQL mode (the embedded default), with the application's own migration; the
 * workplace-bot tests run the same store on PostgreSQL.
 */
class JdbcDocumentStoreTest {
    private static final Path MIGRATION = Path.of("../workplace-bot/src/main/resources/db/migration/V11__documents.sql");
    private final JdbcDataSource dataSource = new JdbcDataSource();
    private DocumentStore store;

    @BeforeEach
    void migrate() throws Exception {
        dataSource.setURL("jdbc:h2:mem:docs" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String statement : Files.readString(MIGRATION).replaceAll("(?m)--.*$", "").split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        }
        store = DocumentStores.jdbc(dataSource);
    }

    @Test
    void should_store_replace_list_by_group_and_rebuild_an_index_from_the_database() throws Exception {
        UUID id;
        try (DocumentService node = new DocumentService(store, new HashingEmbedder(), Clock.systemUTC())) {
            id = node.publish("acme", "boss", NewDocument.text("Expenses", DocumentFormat.MARKDOWN,
                    "# Expenses\n\n## Meals\n\nMeals up to 100 CNY a day.", List.of("finance", "sales"))).id();
            node.publish("acme", "boss", NewDocument.text("Holidays", DocumentFormat.TEXT, "Ten public holidays.", List.of()));
            node.publish("globex", "boss", NewDocument.text("Globex", DocumentFormat.TEXT, "Meals are free.", List.of()));
            node.replace("acme", "boss", id, NewDocument.text("Expenses", DocumentFormat.MARKDOWN,
                    "# Expenses\n\n## Meals\n\nMeals up to 120 CNY a day.", List.of("finance")));
        }

        assertThat(store.list(Reader.of("acme", Set.of("sales")))).extracting(DocumentInfo::title)
                .containsExactly("Holidays");
        assertThat(store.list(Reader.of("acme", Set.of("finance")))).extracting(DocumentInfo::title, DocumentInfo::version,
                DocumentInfo::groups).containsExactly(org.assertj.core.groups.Tuple.tuple("Expenses", 2, List.of("finance")),
                        org.assertj.core.groups.Tuple.tuple("Holidays", 1, List.of()));
        assertThat(store.find("globex", id)).isEmpty();
        assertThat(store.find("acme", id).orElseThrow().chunks()).singleElement()
                .satisfies(c -> assertThat(c.headingPath()).containsExactly("Expenses", "Meals"));

        try (DocumentService restarted = new DocumentService(store, new HashingEmbedder(), Clock.systemUTC())) {
            assertThat(restarted.catchUp()).isEqualTo(3);
            assertThat(restarted.search(Reader.of("acme", Set.of("finance")), "meals per day", 5))
                    .extracting(p -> p.text()).containsExactly("Meals up to 120 CNY a day.");
            restarted.delete("acme", id);
            assertThat(store.find("acme", id)).isEmpty();
        }
    }
}
