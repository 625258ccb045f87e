package dev.errand.connectors.documents;

import dev.errand.connectors.documents.internal.InMemoryDocumentStore;
import dev.errand.connectors.documents.internal.JdbcDocumentStore;
import javax.sql.DataSource;

/** The stores: on a database (the tables of migration {@code V11__documents.sql}), or in memory for tests and benches. */
public final class DocumentStores {
    private DocumentStores() {
    }

    public static DocumentStore jdbc(DataSource dataSource) {
        return new JdbcDocumentStore(dataSource);
    }

    public static DocumentStore inMemory() {
        return new InMemoryDocumentStore();
    }
}
