-- execution-service state. Money and amounts use ${decimal}: TEXT on SQLite (its NUMERIC affinity
-- would turn them into binary doubles), unconstrained NUMERIC on PostgreSQL; both keep BigDecimal exact.
-- Times are epoch milliseconds.

-- What each signal said about its candle: the paper venue fills the order of a signal at the open of
-- the first candle after candle_time, and an exit takes its exit_reason from here.
CREATE TABLE exec_signal (
    signal_id   VARCHAR(255) NOT NULL PRIMARY KEY,
    strategy    VARCHAR(255) NOT NULL,
    exchange    VARCHAR(64)  NOT NULL,
    pair        VARCHAR(64)  NOT NULL,
    timeframe   VARCHAR(16)  NOT NULL,
    candle_time BIGINT       NOT NULL,
    action      VARCHAR(16)  NOT NULL,
    exit_reason VARCHAR(64),
    trade_id    VARCHAR(255)
);

-- Every order, persisted before it is sent (paper book or exchange), keyed by client order id.
-- Protective legs of a trade are orders too (type stop / take_profit, client id <trade>:sl / <trade>:tp).
CREATE TABLE exec_order (
    client_order_id   VARCHAR(255) NOT NULL PRIMARY KEY,
    decision_id       VARCHAR(255) NOT NULL,
    signal_id         VARCHAR(255) NOT NULL,
    trade_id          VARCHAR(255) NOT NULL,
    exchange          VARCHAR(64)  NOT NULL,
    pair              VARCHAR(64)  NOT NULL,
    side              VARCHAR(8)   NOT NULL,
    type              VARCHAR(16)  NOT NULL,
    amount            ${decimal},
    stake_amount      ${decimal},
    limit_price       ${decimal},
    state             VARCHAR(24)  NOT NULL,
    mode              VARCHAR(8)   NOT NULL,
    exchange_order_id VARCHAR(255),
    filled_amount     ${decimal},
    average_price     ${decimal},
    fee               ${decimal},
    exit_reason       VARCHAR(64),
    reason            VARCHAR(1000),
    fill_seq          INTEGER      NOT NULL,
    exit_plan         TEXT,
    created_at        BIGINT       NOT NULL,
    updated_at        BIGINT       NOT NULL
);
CREATE INDEX exec_order_state ON exec_order (state, exchange, pair);
CREATE INDEX exec_order_trade ON exec_order (trade_id);

CREATE TABLE exec_trade (
    trade_id              VARCHAR(255) NOT NULL PRIMARY KEY,
    exchange              VARCHAR(64)  NOT NULL,
    pair                  VARCHAR(64)  NOT NULL,
    timeframe             VARCHAR(16)  NOT NULL,
    strategy              VARCHAR(255) NOT NULL,
    status                VARCHAR(8)   NOT NULL,
    mode                  VARCHAR(8)   NOT NULL,
    entry_client_order_id VARCHAR(255) NOT NULL,
    decision_id           VARCHAR(255) NOT NULL,
    signal_id             VARCHAR(255) NOT NULL,
    open_time             BIGINT       NOT NULL,
    open_rate             ${decimal}   NOT NULL,
    amount                ${decimal}   NOT NULL,
    stake_amount          ${decimal}   NOT NULL,
    fee_ratio             ${decimal}   NOT NULL,
    entry_fee             ${decimal}   NOT NULL,
    exit_plan             TEXT         NOT NULL,
    last_candle_time      BIGINT       NOT NULL,
    stop_price            ${decimal},
    take_profit_price     ${decimal},
    close_time            BIGINT,
    close_rate            ${decimal},
    exit_fee              ${decimal},
    exit_reason           VARCHAR(64),
    profit_abs            ${decimal},
    profit_ratio          ${decimal},
    exit_client_order_id  VARCHAR(255)
);
CREATE INDEX exec_trade_market ON exec_trade (status, exchange, pair);

-- Outbox: every fill is stored with its effect and published after the commit (again at start-up
-- when the publish was not acknowledged). The id is <client order id>:<fill seq>.
CREATE TABLE exec_fill (
    fill_id         VARCHAR(300) NOT NULL PRIMARY KEY,
    client_order_id VARCHAR(255) NOT NULL,
    seq             INTEGER      NOT NULL,
    exchange_trade_id VARCHAR(255),
    body            TEXT         NOT NULL,
    published       INTEGER      NOT NULL,
    created_at      BIGINT       NOT NULL
);
CREATE INDEX exec_fill_order ON exec_fill (client_order_id);
CREATE INDEX exec_fill_published ON exec_fill (published);

-- The paper wallet: one row per currency.
CREATE TABLE paper_balance (
    currency VARCHAR(32) NOT NULL PRIMARY KEY,
    amount   ${decimal}  NOT NULL
);

-- Recent candles per market, so an order that arrives after its next candle still fills at that
-- candle's open, and an open trade's stop state can be rebuilt after a restart.
CREATE TABLE paper_candle (
    exchange  VARCHAR(64) NOT NULL,
    pair      VARCHAR(64) NOT NULL,
    timeframe VARCHAR(16) NOT NULL,
    open_time BIGINT      NOT NULL,
    open      ${decimal}  NOT NULL,
    high      ${decimal}  NOT NULL,
    low       ${decimal}  NOT NULL,
    close     ${decimal}  NOT NULL,
    PRIMARY KEY (exchange, pair, timeframe, open_time)
);
