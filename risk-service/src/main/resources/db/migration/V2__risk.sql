-- risk-service state. Times are epoch milliseconds (BIGINT) and money/amounts are decimal strings
-- (VARCHAR): SQLite's NUMERIC affinity would round them through a double.

-- One row per decided signal: the dedupe key (signal_id) and the stored decision, re-emitted as is
-- when the signal is redelivered. Pending entries/exits and the order rate window are derived from it.
CREATE TABLE decision (
    signal_id    VARCHAR(255) NOT NULL PRIMARY KEY,
    decision_id  VARCHAR(64)  NOT NULL,
    exchange     VARCHAR(64)  NOT NULL,
    pair         VARCHAR(64)  NOT NULL,
    action       VARCHAR(16)  NOT NULL,
    trade_id     VARCHAR(255),
    approved     BOOLEAN      NOT NULL,
    rule         VARCHAR(64),
    natural_key  VARCHAR(600) NOT NULL,
    stake_amount VARCHAR(64),
    decided_at   BIGINT       NOT NULL,
    expires_at   BIGINT       NOT NULL,
    settled      BOOLEAN      NOT NULL,
    payload      TEXT         NOT NULL
);
CREATE INDEX decision_decided_at ON decision (decided_at);
CREATE INDEX decision_trade ON decision (trade_id);

-- Trades as known from execution.fills.v1 (aggregated per trade).
CREATE TABLE risk_trade (
    trade_id     VARCHAR(255) NOT NULL PRIMARY KEY,
    exchange     VARCHAR(64)  NOT NULL,
    pair         VARCHAR(64)  NOT NULL,
    bought       VARCHAR(64)  NOT NULL,
    sold         VARCHAR(64)  NOT NULL,
    base_fees    VARCHAR(64)  NOT NULL,
    open_value   VARCHAR(64)  NOT NULL,
    close_value  VARCHAR(64)  NOT NULL,
    opened_at    BIGINT       NOT NULL,
    closed_at    BIGINT,
    exit_reason  VARCHAR(64),
    profit_abs   VARCHAR(64),
    profit_ratio VARCHAR(64)
);

-- Newest candle open time per market and timeframe (for the stale-data rule).
CREATE TABLE market_clock (
    market_key     VARCHAR(200) NOT NULL,
    timeframe      VARCHAR(8)   NOT NULL,
    last_open_time BIGINT       NOT NULL,
    PRIMARY KEY (market_key, timeframe)
);

-- The circuit breaker / trading state (one row, id = 1).
CREATE TABLE trading_state (
    id          INTEGER      NOT NULL PRIMARY KEY,
    state       VARCHAR(16)  NOT NULL,
    reason      VARCHAR(500),
    changed_at  BIGINT       NOT NULL,
    until_at    BIGINT
);

CREATE TABLE incident (
    id             ${id_pk},
    at             BIGINT       NOT NULL,
    kind           VARCHAR(64)  NOT NULL,
    severity       VARCHAR(16)  NOT NULL,
    rule           VARCHAR(64),
    message        VARCHAR(1000) NOT NULL,
    context        TEXT         NOT NULL,
    correlation_id VARCHAR(128)
);
CREATE INDEX incident_at ON incident (at);

CREATE TABLE backtest_lease (
    id           VARCHAR(64)  NOT NULL PRIMARY KEY,
    run_id       VARCHAR(255) NOT NULL,
    strategy     VARCHAR(255) NOT NULL,
    kind         VARCHAR(16)  NOT NULL,
    created_at   BIGINT       NOT NULL,
    expires_at   BIGINT       NOT NULL,
    released_at  BIGINT,
    release_kind VARCHAR(16),
    max_drawdown VARCHAR(64),
    flagged      BOOLEAN      NOT NULL
);
CREATE INDEX backtest_lease_run ON backtest_lease (run_id);
