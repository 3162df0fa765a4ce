-- Stored candles: one row per (exchange, pair, timeframe, open time); imports and downloads upsert.
-- open_time is epoch milliseconds (UTC), prices and volume exact decimals.
CREATE TABLE candle (
    exchange  VARCHAR(64)    NOT NULL,
    pair      VARCHAR(40)    NOT NULL,
    timeframe VARCHAR(8)     NOT NULL,
    open_time BIGINT         NOT NULL,
    open      NUMERIC(38,12) NOT NULL,
    high      NUMERIC(38,12) NOT NULL,
    low       NUMERIC(38,12) NOT NULL,
    close     NUMERIC(38,12) NOT NULL,
    volume    NUMERIC(38,12) NOT NULL,
    PRIMARY KEY (exchange, pair, timeframe, open_time)
);

-- A replay of stored candles to market.candles.v1, kept so it resumes after a restart.
CREATE TABLE replay (
    id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    exchange    VARCHAR(64)  NOT NULL,
    pairs       VARCHAR(1000) NOT NULL,
    timeframe   VARCHAR(8)   NOT NULL,
    from_time   BIGINT       NOT NULL,
    to_time     BIGINT       NOT NULL,
    speed       NUMERIC(20,6) NOT NULL,
    status      VARCHAR(16)  NOT NULL,
    total       BIGINT       NOT NULL,
    error       VARCHAR(2000),
    created_at  BIGINT       NOT NULL,
    updated_at  BIGINT       NOT NULL
);

-- Per pair, the open time of the last candle the broker acknowledged: a resumed replay starts after it.
CREATE TABLE replay_progress (
    replay_id      VARCHAR(64) NOT NULL,
    pair           VARCHAR(40) NOT NULL,
    last_open_time BIGINT      NOT NULL,
    published      BIGINT      NOT NULL,
    PRIMARY KEY (replay_id, pair)
);

-- The live feed's cursor per series: the last closed candle it published.
CREATE TABLE feed_cursor (
    exchange       VARCHAR(64) NOT NULL,
    pair           VARCHAR(40) NOT NULL,
    timeframe      VARCHAR(8)  NOT NULL,
    last_open_time BIGINT      NOT NULL,
    PRIMARY KEY (exchange, pair, timeframe)
);
