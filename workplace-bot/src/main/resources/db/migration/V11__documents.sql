-- Documents for search_documents and /api/documents: the source of truth the Lucene index of each node is derived
-- from (rebuilt at start, caught up periodically). Portable: PostgreSQL and H2 in MODE=PostgreSQL.
CREATE TABLE document (
    id           UUID          PRIMARY KEY,
    tenant       VARCHAR(128)  NOT NULL,
    title        VARCHAR(300)  NOT NULL,
    format       VARCHAR(16)   NOT NULL,
    -- 1 when published, one more on every replacement
    version      INTEGER       NOT NULL,
    chunk_count  INTEGER       NOT NULL,
    -- the text as parsed (markdown), without any markup of the source
    content      TEXT          NOT NULL,
    published_by VARCHAR(256)  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX document_tenant_idx ON document (tenant, title);

-- The groups that may read a document; none: every employee of its tenant.
CREATE TABLE document_group (
    document_id  UUID          NOT NULL REFERENCES document (id),
    group_name   VARCHAR(64)   NOT NULL,
    PRIMARY KEY (document_id, group_name)
);

-- Chunks with their heading path (headings separated by a line feed) and embedding (little-endian float32s).
CREATE TABLE document_chunk (
    document_id  UUID          NOT NULL REFERENCES document (id),
    position_no  INTEGER       NOT NULL,
    heading_path TEXT          NOT NULL,
    body         TEXT          NOT NULL,
    embedding    BYTEA         NOT NULL,
    PRIMARY KEY (document_id, position_no)
);
