-- Live bots (strategy-service live loop). Times are epoch milliseconds (portable between SQLite and PostgreSQL).

-- The newest candle each bot has processed per market: a candle at or before it is a duplicate.
CREATE TABLE bot_market_state (
    bot              VARCHAR(100) NOT NULL,
    exchange         VARCHAR(50)  NOT NULL,
    pair             VARCHAR(50)  NOT NULL,
    timeframe        VARCHAR(10)  NOT NULL,
    last_candle_time BIGINT       NOT NULL,
    updated_at       BIGINT       NOT NULL,
    PRIMARY KEY (bot, exchange, pair, timeframe)
);

-- Signals a bot has published (ids are deterministic): tells which fills belong to which bot.
CREATE TABLE bot_signal (
    id          VARCHAR(100) NOT NULL PRIMARY KEY,
    bot         VARCHAR(100) NOT NULL,
    exchange    VARCHAR(50)  NOT NULL,
    pair        VARCHAR(50)  NOT NULL,
    action      VARCHAR(20)  NOT NULL,
    trade_id    VARCHAR(100),
    candle_time BIGINT       NOT NULL,
    created_at  BIGINT       NOT NULL
);
CREATE INDEX bot_signal_bot ON bot_signal (bot, candle_time);

-- Trades opened by a bot's entry signals, learned from execution.fills.v1. Decimals are stored as text:
-- SQLite's NUMERIC affinity would turn them into doubles.
CREATE TABLE bot_trade (
    trade_id        VARCHAR(100)   NOT NULL PRIMARY KEY,
    bot             VARCHAR(100)   NOT NULL,
    exchange        VARCHAR(50)    NOT NULL,
    pair            VARCHAR(50)    NOT NULL,
    entry_signal_id VARCHAR(100)   NOT NULL,
    open_rate       VARCHAR(64)    NOT NULL,
    amount          VARCHAR(64)    NOT NULL,
    fee             VARCHAR(64),
    opened_at       BIGINT         NOT NULL,
    closed_at       BIGINT,
    exit_reason     VARCHAR(50)
);
CREATE INDEX bot_trade_open ON bot_trade (bot, closed_at);
