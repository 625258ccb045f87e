-- DingTalk's callback signature covers only the timestamp: each accepted (timestamp, sign) pair is remembered for
-- the timestamp window with the hashes of the msgId and body it first came with, so a captured pair cannot carry another
-- message. Shared by every node through the database; expired rows are deleted as new pairs arrive.
CREATE TABLE dingtalk_signature_pair (
    ts          BIGINT       NOT NULL,
    sign        VARCHAR(128) NOT NULL,
    msg_id_sha256 CHAR(64)   NOT NULL,
    body_sha256 CHAR(64)     NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (ts, sign)
);
CREATE INDEX dingtalk_signature_pair_expiry_idx ON dingtalk_signature_pair (expires_at);
