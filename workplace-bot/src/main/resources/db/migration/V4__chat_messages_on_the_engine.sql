-- Chat conversations and reply delivery stay with the bot; the run itself moves to the engine's wf_run
-- (V3, workflows module), linked by id. Data of the skeleton's agent_run / run_step / inbound_message
-- moves over, then those tables go.
CREATE TABLE chat_message (
    channel             VARCHAR(32)  NOT NULL,
    message_id          VARCHAR(255) NOT NULL,
    run_id              UUID         NOT NULL UNIQUE REFERENCES wf_run (id),
    tenant              VARCHAR(128) NOT NULL,
    sender              VARCHAR(128) NOT NULL,
    thread_id           VARCHAR(255),
    request_text        TEXT         NOT NULL,
    -- where the reply goes (a DingTalk session webhook); never logged
    reply_to            TEXT,
    reply_to_expires_at TIMESTAMP WITH TIME ZONE,
    reply_format        VARCHAR(16),
    reply_title         VARCHAR(255),
    reply_text          TEXT,
    tokens              BIGINT       NOT NULL DEFAULT 0,
    -- PENDING until the reply is posted, then DELIVERED or FAILED; NOT_NEEDED for API callers
    delivery_status     VARCHAR(16)  NOT NULL,
    delivery_error      TEXT,
    received_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at        TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (channel, message_id)
);
CREATE INDEX chat_message_tenant_idx ON chat_message (tenant, received_at);

INSERT INTO wf_run (id, kind, ordering_key, input, status, due_at, attempts, output, error, created_at, updated_at)
SELECT r.id, 'chat',
       CASE WHEN r.thread_id IS NULL THEN CAST(r.id AS VARCHAR(64)) ELSE r.channel || ':' || r.tenant || ':' || r.thread_id END,
       '{"migrated":true}',
       CASE WHEN r.status IN ('DELIVERED', 'DELIVERY_FAILED', 'ANSWERED') THEN 'SUCCEEDED'
            WHEN r.status = 'FAILED' THEN 'FAILED' ELSE 'FAILED' END,
       NULL, 1, NULL,
       CASE WHEN r.status IN ('RECEIVED', 'RUNNING') THEN 'not finished before the upgrade to the durable engine' ELSE r.error END,
       r.created_at, r.updated_at
  FROM agent_run r;

INSERT INTO chat_message (channel, message_id, run_id, tenant, sender, thread_id, request_text, reply_to,
                          reply_to_expires_at, reply_format, reply_title, reply_text, tokens, delivery_status,
                          delivery_error, received_at, delivered_at)
SELECT r.channel, COALESCE(m.message_id, CAST(r.id AS VARCHAR(64))), r.id, r.tenant, r.employee, r.thread_id,
       r.request_text, r.reply_to, r.reply_to_expires_at,
       CASE WHEN r.reply_markdown THEN 'markdown' WHEN r.reply_text IS NULL THEN NULL ELSE 'text' END,
       r.reply_title, r.reply_text, r.tokens,
       CASE WHEN r.status = 'DELIVERED' THEN 'DELIVERED' WHEN r.channel = 'API' THEN 'NOT_NEEDED' ELSE 'FAILED' END,
       CASE WHEN r.status = 'DELIVERY_FAILED' THEN r.error END,
       r.created_at, CASE WHEN r.status = 'DELIVERED' THEN r.updated_at END
  FROM agent_run r LEFT JOIN inbound_message m ON m.run_id = r.id;

INSERT INTO wf_step (run_id, step_id, name, input, status, output, error_kind, error, retryable, attempts, started_at,
                     finished_at)
SELECT s.run_id, 'legacy' || CAST(s.step AS VARCHAR(12)), s.tool, s.arguments,
       CASE WHEN s.status = 'SUCCEEDED' THEN 'SUCCEEDED' ELSE 'FAILED' END, s.result,
       CASE WHEN s.status = 'REJECTED' THEN 'rejected' WHEN s.status = 'SUCCEEDED' THEN NULL ELSE 'failed' END,
       s.error, FALSE, 1, s.started_at, COALESCE(s.finished_at, s.started_at)
  FROM run_step s;

DROP TABLE inbound_message;
DROP TABLE run_step;
DROP TABLE agent_run;
