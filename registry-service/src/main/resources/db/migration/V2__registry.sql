-- The registry: indexed result files, their runs, and each run's trades, per-pair rows and
-- hyperopt epochs. Decimals are stored as text, exactly as the files wrote them (SQLite's NUMERIC
-- would turn them into doubles); ordering casts them. Times are ISO-8601 UTC text, to the second.
CREATE TABLE artifact (
    sha256      VARCHAR(64)   NOT NULL PRIMARY KEY,
    kind        VARCHAR(16)   NOT NULL,
    path        VARCHAR(1000) NOT NULL,
    size_bytes  BIGINT        NOT NULL,
    indexed_at  VARCHAR(40)   NOT NULL
);
CREATE INDEX artifact_path ON artifact (path);

CREATE TABLE run (
    id                   VARCHAR(64)  NOT NULL PRIMARY KEY,
    artifact_sha256      VARCHAR(64)  NOT NULL REFERENCES artifact (sha256),
    kind                 VARCHAR(16)  NOT NULL,
    strategy             VARCHAR(200) NOT NULL,
    created_at           VARCHAR(40)  NOT NULL,
    timeframe            VARCHAR(16),
    backtest_start       VARCHAR(40),
    backtest_end         VARCHAR(40),
    total_trades         INTEGER,
    wins                 INTEGER,
    losses               INTEGER,
    draws                INTEGER,
    profit_total         VARCHAR(64),
    profit_total_abs     VARCHAR(64),
    max_drawdown_account VARCHAR(64),
    max_drawdown_abs     VARCHAR(64),
    sharpe               VARCHAR(64),
    sortino              VARCHAR(64),
    calmar               VARCHAR(64),
    starting_balance     VARCHAR(64),
    final_balance        VARCHAR(64),
    stake_currency       VARCHAR(16),
    epochs               INTEGER,
    best_epoch           INTEGER,
    best_loss            VARCHAR(64)
);
CREATE INDEX run_strategy ON run (strategy, kind);
CREATE INDEX run_created ON run (created_at);
CREATE INDEX run_artifact ON run (artifact_sha256);

CREATE TABLE run_trade (
    run_id        VARCHAR(64) NOT NULL REFERENCES run (id),
    seq           INTEGER     NOT NULL,
    pair          VARCHAR(64) NOT NULL,
    open_date     VARCHAR(40) NOT NULL,
    close_date    VARCHAR(40) NOT NULL,
    open_rate     VARCHAR(64) NOT NULL,
    close_rate    VARCHAR(64) NOT NULL,
    amount        VARCHAR(64) NOT NULL,
    stake_amount  VARCHAR(64) NOT NULL,
    profit_ratio  VARCHAR(64) NOT NULL,
    profit_abs    VARCHAR(64) NOT NULL,
    exit_reason   VARCHAR(64),
    PRIMARY KEY (run_id, seq)
);

CREATE TABLE run_pair (
    run_id           VARCHAR(64) NOT NULL REFERENCES run (id),
    pair             VARCHAR(64) NOT NULL,
    trades           INTEGER,
    profit_mean      VARCHAR(64),
    profit_total     VARCHAR(64),
    profit_total_abs VARCHAR(64),
    wins             INTEGER,
    draws            INTEGER,
    losses           INTEGER,
    PRIMARY KEY (run_id, pair)
);

CREATE TABLE hyperopt_epoch (
    run_id               VARCHAR(64) NOT NULL REFERENCES run (id),
    epoch                INTEGER     NOT NULL,
    loss                 VARCHAR(64) NOT NULL,
    is_best              BOOLEAN     NOT NULL,
    total_trades         INTEGER,
    profit_total         VARCHAR(64),
    profit_total_abs     VARCHAR(64),
    max_drawdown_account VARCHAR(64),
    sharpe               VARCHAR(64),
    params               TEXT,
    PRIMARY KEY (run_id, epoch)
);

-- Files that could not be indexed, with the failing field; cleared when the file at that path indexes.
CREATE TABLE index_problem (
    path      VARCHAR(1000) NOT NULL PRIMARY KEY,
    sha256    VARCHAR(64),
    field     VARCHAR(500)  NOT NULL,
    reason    VARCHAR(2000) NOT NULL,
    seen_at   VARCHAR(40)   NOT NULL
);
