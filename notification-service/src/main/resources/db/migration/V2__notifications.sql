-- notification-service state. Decimals are VARCHAR text (exact BigDecimal on SQLite and PostgreSQL);
-- times are epoch milliseconds.

-- One row per thing operators are told; id = <kind>:<source message id>, so an event is told once.
CREATE TABLE notification (
    id          VARCHAR(300) NOT NULL PRIMARY KEY,
    kind        VARCHAR(40)  NOT NULL,
    source_id   VARCHAR(255) NOT NULL,
    severity    VARCHAR(16)  NOT NULL,
    title       VARCHAR(300) NOT NULL,
    body        TEXT         NOT NULL,
    fields      TEXT         NOT NULL,
    created_at  BIGINT       NOT NULL
);
CREATE INDEX notification_created ON notification (created_at);
CREATE INDEX notification_kind_created ON notification (kind, created_at);

-- Outbox: one row per (notification, channel, target), written in the transaction that consumed the
-- event; a worker delivers it afterwards. status: pending | delivered | dead (a dead letter).
CREATE TABLE delivery (
    id              ${id_pk},
    notification_id VARCHAR(300) NOT NULL,
    channel         VARCHAR(16)  NOT NULL,
    target          VARCHAR(255) NOT NULL,
    payload         TEXT         NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    attempts        INTEGER      NOT NULL,
    next_attempt_at BIGINT       NOT NULL,
    last_error      VARCHAR(1000),
    created_at      BIGINT       NOT NULL,
    updated_at      BIGINT       NOT NULL,
    CONSTRAINT delivery_once UNIQUE (notification_id, channel, target)
);
CREATE INDEX delivery_due ON delivery (status, next_attempt_at);

-- Trades as seen from fills, so an exit can be told with its profit and the day summarized.
CREATE TABLE nt_trade (
    trade_id        VARCHAR(255) NOT NULL PRIMARY KEY,
    exchange        VARCHAR(64)  NOT NULL,
    pair            VARCHAR(64)  NOT NULL,
    bought          VARCHAR(64)  NOT NULL,
    cost            VARCHAR(64)  NOT NULL,
    sold            VARCHAR(64)  NOT NULL,
    proceeds        VARCHAR(64)  NOT NULL,
    realized_profit VARCHAR(64)  NOT NULL,
    opened_at       BIGINT,
    closed_at       BIGINT,
    closed_seen_at  BIGINT
);
CREATE INDEX nt_trade_closed_seen ON nt_trade (closed_seen_at);

-- Local incidents (e.g. a Telegram message from an unknown chat); also written as a log line.
CREATE TABLE nt_incident (
    id       VARCHAR(255) NOT NULL PRIMARY KEY,
    type     VARCHAR(64)  NOT NULL,
    subject  VARCHAR(255),
    detail   VARCHAR(1000) NOT NULL,
    at       BIGINT       NOT NULL
);
CREATE INDEX nt_incident_subject ON nt_incident (type, subject);
