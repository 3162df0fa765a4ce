-- Backtest runs survive a restart: their state, and the result exactly as GET /backtests/{id} showed it.
CREATE TABLE backtest_run (
    id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    strategy    VARCHAR(100) NOT NULL,
    exchange    VARCHAR(50)  NOT NULL,
    pairs       TEXT         NOT NULL,
    timeframe   VARCHAR(10)  NOT NULL,
    created_at  VARCHAR(40)  NOT NULL,
    status      VARCHAR(16)  NOT NULL,
    started_at  VARCHAR(40),
    finished_at VARCHAR(40),
    detail      TEXT,
    lease_id    VARCHAR(100),
    artifact    VARCHAR(1000),
    result      TEXT
);
CREATE INDEX backtest_run_status ON backtest_run (status);
