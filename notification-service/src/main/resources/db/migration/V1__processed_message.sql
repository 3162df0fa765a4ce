-- Idempotency ledger: a consumed message id is recorded in the same transaction as its effect,
-- so a redelivered message has no second effect.
CREATE TABLE processed_message (
    message_id   VARCHAR(255) NOT NULL PRIMARY KEY,
    topic        VARCHAR(100) NOT NULL,
    processed_at TIMESTAMP    NOT NULL
);
