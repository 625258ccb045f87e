-- Asynchronous notifications from the payment platform, recorded once per (platform, notify_id): the platform
-- redelivers until it reads "success", so a redelivery finds its row and records nothing new. Buyer ids and logins
-- are personal data and are not kept. Amounts are decimals with their currency, never floating point.
CREATE TABLE payment_notification (
    platform      VARCHAR(16)  NOT NULL,
    notify_id     VARCHAR(128) NOT NULL,
    notify_type   VARCHAR(64)  NOT NULL,
    out_trade_no  VARCHAR(128) NOT NULL,
    trade_no      VARCHAR(128) NOT NULL,
    trade_status  VARCHAR(32)  NOT NULL,
    total_amount  DECIMAL(14, 2),
    refund_fee    DECIMAL(14, 2),
    currency      CHAR(3)      NOT NULL,
    out_biz_no    VARCHAR(128) NOT NULL,
    notify_time   VARCHAR(32)  NOT NULL,
    received_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (platform, notify_id)
);
CREATE INDEX payment_notification_trade_idx ON payment_notification (platform, out_trade_no);
