-- Approvals (workflows module): one row per gate of a plan, decided once; the run waits on a signal.
CREATE TABLE approval (
    id             UUID PRIMARY KEY,
    run_id         UUID          NOT NULL REFERENCES wf_run (id),
    step_id        VARCHAR(64)   NOT NULL,
    tenant         VARCHAR(128)  NOT NULL,
    requested_by   VARCHAR(256)  NOT NULL,
    tool           VARCHAR(64)   NOT NULL,
    arguments      TEXT          NOT NULL,
    amount         NUMERIC(19, 4) NOT NULL,
    currency       CHAR(3)       NOT NULL,
    -- the roles that may decide, comma-separated and enclosed in commas (",finance,") for a LIKE match
    approver_roles VARCHAR(1024) NOT NULL,
    reason         TEXT          NOT NULL,
    status         VARCHAR(16)   NOT NULL,
    decided_by     VARCHAR(256),
    decided_at     TIMESTAMP WITH TIME ZONE,
    decision_comment TEXT,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    UNIQUE (run_id, step_id)
);
CREATE INDEX approval_tenant_idx ON approval (tenant, status, created_at);

-- Money that employees' plans move, per day, for daily limits: reserved when policy lets a plan go on,
-- released when its step will not move money. One row per (run, step).
CREATE TABLE spend (
    run_id      UUID          NOT NULL,
    step_id     VARCHAR(64)   NOT NULL,
    tenant      VARCHAR(128)  NOT NULL,
    employee    VARCHAR(256)  NOT NULL,
    spent_on    DATE          NOT NULL,
    tool        VARCHAR(64)   NOT NULL,
    amount      NUMERIC(19, 4) NOT NULL,
    currency    CHAR(3)       NOT NULL,
    released    BOOLEAN       NOT NULL DEFAULT FALSE,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (run_id, step_id)
);
CREATE INDEX spend_employee_day_idx ON spend (tenant, employee, spent_on, tool, currency);

-- One row per employee who moved money: plans of one employee are judged one at a time under its row lock.
CREATE TABLE spend_lock (
    tenant      VARCHAR(128)  NOT NULL,
    employee    VARCHAR(256)  NOT NULL,
    PRIMARY KEY (tenant, employee)
);
