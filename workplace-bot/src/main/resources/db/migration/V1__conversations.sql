-- One row per agent turn: the request as acknowledged, its status and its reply.
CREATE TABLE agent_run (
    id             UUID PRIMARY KEY,
    channel        VARCHAR(32)  NOT NULL,
    tenant         VARCHAR(128) NOT NULL,
    employee       VARCHAR(128) NOT NULL,
    thread_id      VARCHAR(255),
    request_text   TEXT         NOT NULL,
    reply_to       TEXT,
    status         VARCHAR(32)  NOT NULL,
    reply_title    VARCHAR(255),
    reply_text     TEXT,
    reply_markdown BOOLEAN,
    tokens         BIGINT       NOT NULL DEFAULT 0,
    error          TEXT,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX agent_run_status_idx ON agent_run (status);

-- One row per tool call of a run, keyed by (run, step).
CREATE TABLE run_step (
    run_id      UUID         NOT NULL REFERENCES agent_run (id),
    step        INTEGER      NOT NULL,
    tool        VARCHAR(64)  NOT NULL,
    arguments   TEXT         NOT NULL,
    status      VARCHAR(32)  NOT NULL,
    result      TEXT,
    error       TEXT,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (run_id, step)
);

-- Each platform message id is accepted once: a redelivered or replayed callback is not processed again.
CREATE TABLE inbound_message (
    channel     VARCHAR(32)  NOT NULL,
    message_id  VARCHAR(255) NOT NULL,
    run_id      UUID         NOT NULL REFERENCES agent_run (id),
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (channel, message_id)
);
