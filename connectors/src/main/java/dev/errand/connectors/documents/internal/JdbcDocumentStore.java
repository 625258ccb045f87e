package dev.errand.connectors.documents.internal;

import dev.errand.connectors.documents.Chunk;
import dev.errand.connectors.documents.DocumentFormat;
import dev.errand.connectors.documents.DocumentInfo;
import dev.errand.connectors.documents.DocumentStore;
import dev.errand.connectors.documents.Reader;
import dev.errand.connectors.documents.StoredDocument;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Documents in the tables {@code document}, {@code document_group} and {@code document_chunk} (portable SQL:
 * PostgreSQL and H2 in PostgreSQL mode). Every write is one transaction on a connection of its own.
 */
public final class JdbcDocumentStore implements DocumentStore {
    private static final String INFO = "SELECT d.id, d.tenant, d.title, d.format, d.version, d.chunk_count, "
            + "d.published_by, d.updated_at FROM document d ";

    private final DataSource dataSource;

    public JdbcDocumentStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One unit of work in a transaction. */
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("document store: SQL state " + e.getSQLState(), e);
        }
    }

    @Override
    public void insert(DocumentInfo info, String text, List<Chunk> chunks, List<float[]> vectors) {
        inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO document (id, tenant, title, format, version, "
                    + "chunk_count, content, published_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                OffsetDateTime at = OffsetDateTime.ofInstant(info.updatedAt(), ZoneOffset.UTC);
                s.setObject(1, info.id());
                s.setString(2, info.tenant());
                s.setString(3, info.title());
                s.setString(4, info.format().wire());
                s.setInt(5, info.version());
                s.setInt(6, chunks.size());
                s.setString(7, text);
                s.setString(8, info.publishedBy());
                s.setObject(9, at);
                s.setObject(10, at);
                s.executeUpdate();
            }
            writeParts(c, info, chunks, vectors);
            return null;
        });
    }

    private static void writeParts(Connection c, DocumentInfo info, List<Chunk> chunks, List<float[]> vectors)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO document_group (document_id, group_name) VALUES (?, ?)")) {
            for (String group : info.groups()) {
                s.setObject(1, info.id());
                s.setString(2, group);
                s.addBatch();
            }
            s.executeBatch();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO document_chunk (document_id, position_no, "
                + "heading_path, body, embedding) VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < chunks.size(); i++) {
                Chunk chunk = chunks.get(i);
                s.setObject(1, info.id());
                s.setInt(2, chunk.position());
                s.setString(3, String.join("\n", chunk.headingPath()));
                s.setString(4, chunk.text());
                s.setBytes(5, Vectors.toBytes(vectors.get(i)));
                s.addBatch();
                if (i % 500 == 499) {
                    s.executeBatch();
                }
            }
            s.executeBatch();
        }
    }

    @Override
    public Optional<DocumentInfo> replace(DocumentInfo next, String text, List<Chunk> chunks, List<float[]> vectors) {
        return inTransaction(c -> {
            int updated;
            try (PreparedStatement s = c.prepareStatement("UPDATE document SET title = ?, format = ?, "
                    + "version = version + 1, chunk_count = ?, content = ?, published_by = ?, updated_at = ? "
                    + "WHERE id = ? AND tenant = ?")) {
                s.setString(1, next.title());
                s.setString(2, next.format().wire());
                s.setInt(3, chunks.size());
                s.setString(4, text);
                s.setString(5, next.publishedBy());
                s.setObject(6, OffsetDateTime.ofInstant(next.updatedAt(), ZoneOffset.UTC));
                s.setObject(7, next.id());
                s.setString(8, next.tenant());
                updated = s.executeUpdate();
            }
            if (updated == 0) {
                return Optional.<DocumentInfo>empty();
            }
            deleteParts(c, next.id());
            writeParts(c, next, chunks, vectors);
            return info(c, next.tenant(), next.id());
        });
    }

    private static void deleteParts(Connection c, UUID id) throws SQLException {
        for (String table : List.of("document_chunk", "document_group")) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE document_id = ?")) {
                s.setObject(1, id);
                s.executeUpdate();
            }
        }
    }

    @Override
    public boolean delete(String tenant, UUID id) {
        return inTransaction(c -> {
            if (info(c, tenant, id).isEmpty()) {
                return false;
            }
            deleteParts(c, id);
            try (PreparedStatement s = c.prepareStatement("DELETE FROM document WHERE id = ? AND tenant = ?")) {
                s.setObject(1, id);
                s.setString(2, tenant);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<DocumentInfo> list(Reader reader) {
        return inTransaction(c -> {
            StringBuilder sql = new StringBuilder(INFO).append("WHERE d.tenant = ?");
            List<String> groups = reader.groups().stream().sorted().toList();
            if (!reader.everything()) {
                // readable: no group (the whole tenant) or one of the reader's groups, decided in the query
                sql.append(" AND (NOT EXISTS (SELECT 1 FROM document_group g WHERE g.document_id = d.id)");
                if (!groups.isEmpty()) {
                    sql.append(" OR EXISTS (SELECT 1 FROM document_group g WHERE g.document_id = d.id AND g.group_name IN (")
                            .append(String.join(", ", java.util.Collections.nCopies(groups.size(), "?"))).append("))");
                }
                sql.append(')');
            }
            sql.append(" ORDER BY d.title, d.id");
            List<DocumentInfo> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                s.setString(1, reader.tenant());
                if (!reader.everything()) {
                    for (int i = 0; i < groups.size(); i++) {
                        s.setString(2 + i, groups.get(i));
                    }
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs, List.of()));
                    }
                }
            }
            List<DocumentInfo> withGroups = new ArrayList<>(out.size());
            for (DocumentInfo i : out) {
                withGroups.add(withGroups(i, groups(c, i.id())));
            }
            return withGroups;
        });
    }

    @Override
    public Optional<StoredDocument> find(String tenant, UUID id) {
        return inTransaction(c -> {
            Optional<DocumentInfo> info = info(c, tenant, id);
            if (info.isEmpty()) {
                return Optional.<StoredDocument>empty();
            }
            String text;
            try (PreparedStatement s = c.prepareStatement("SELECT content FROM document WHERE id = ?")) {
                s.setObject(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    text = rs.getString(1);
                }
            }
            List<Chunk> chunks = new ArrayList<>();
            chunks(c, id, chunks, null);
            return Optional.of(new StoredDocument(info.get(), text, chunks));
        });
    }

    @Override
    public Map<UUID, Integer> versions() {
        return inTransaction(c -> {
            Map<UUID, Integer> out = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, version FROM document");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getObject(1, UUID.class), rs.getInt(2));
                }
            }
            return out;
        });
    }

    @Override
    public Optional<Indexable> indexable(UUID id) {
        return inTransaction(c -> {
            String tenant;
            try (PreparedStatement s = c.prepareStatement("SELECT tenant FROM document WHERE id = ?")) {
                s.setObject(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Indexable>empty();
                    }
                    tenant = rs.getString(1);
                }
            }
            DocumentInfo info = info(c, tenant, id).orElseThrow();
            List<Chunk> chunks = new ArrayList<>();
            List<float[]> vectors = new ArrayList<>();
            chunks(c, id, chunks, vectors);
            return Optional.of(new Indexable(info, chunks, vectors));
        });
    }

    private static void chunks(Connection c, UUID id, List<Chunk> chunks, List<float[]> vectors) throws SQLException {
        String columns = vectors == null ? "position_no, heading_path, body" : "position_no, heading_path, body, embedding";
        try (PreparedStatement s = c.prepareStatement(
                "SELECT " + columns + " FROM document_chunk WHERE document_id = ? ORDER BY position_no")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String headings = rs.getString(2);
                    chunks.add(new Chunk(rs.getInt(1), headings.isEmpty() ? List.of() : Arrays.asList(headings.split("\n")),
                            rs.getString(3)));
                    if (vectors != null) {
                        vectors.add(Vectors.fromBytes(rs.getBytes(4)));
                    }
                }
            }
        }
    }

    private static Optional<DocumentInfo> info(Connection c, String tenant, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INFO + "WHERE d.id = ? AND d.tenant = ?")) {
            s.setObject(1, id);
            s.setString(2, tenant);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(row(rs, groups(c, id)));
            }
        }
    }

    private static List<String> groups(Connection c, UUID id) throws SQLException {
        List<String> groups = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT group_name FROM document_group WHERE document_id = ? ORDER BY group_name")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    groups.add(rs.getString(1));
                }
            }
        }
        return groups;
    }

    private static DocumentInfo row(ResultSet rs, List<String> groups) throws SQLException {
        return new DocumentInfo(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                DocumentFormat.fromWire(rs.getString(4)).orElse(DocumentFormat.TEXT), groups, rs.getInt(5), rs.getInt(6),
                rs.getString(7), rs.getObject(8, OffsetDateTime.class).toInstant());
    }

    private static DocumentInfo withGroups(DocumentInfo i, List<String> groups) {
        return new DocumentInfo(i.id(), i.tenant(), i.title(), i.format(), groups, i.version(), i.chunks(),
                i.publishedBy(), i.updatedAt());
    }
}
