-- DCA plans (strategy-service io.tradingsuite.strategy.dca). Portable between SQLite and PostgreSQL:
-- times are epoch milliseconds, decimals are text (SQLite's NUMERIC affinity would make them doubles).

-- A plan and its cursor: due times at or before last_due_at are handled (bought, or reported missed).
CREATE TABLE dca_plan (
    id              VARCHAR(40)  NOT NULL PRIMARY KEY,
    exchange        VARCHAR(50)  NOT NULL,
    pair            VARCHAR(50)  NOT NULL,
    timeframe       VARCHAR(10)  NOT NULL,
    stake_amount    VARCHAR(64)  NOT NULL,
    schedule_cron   VARCHAR(200),
    every_n         INTEGER,
    every_unit      VARCHAR(10),
    start_at        BIGINT       NOT NULL,
    end_at          BIGINT,
    dip_multiplier  VARCHAR(64),
    dip_ma_period   INTEGER,
    created_at      BIGINT       NOT NULL,
    last_due_at     BIGINT       NOT NULL,
    deleted_at      BIGINT
);

-- The history: one row per buy (id = its signal id, unique per plan and due time, so a restart
-- never sends a second buy for the same due time) or per run of missed due times.
CREATE TABLE dca_buy (
    id            VARCHAR(100)  NOT NULL PRIMARY KEY,
    plan_id       VARCHAR(40)   NOT NULL,
    due_at        BIGINT        NOT NULL,
    send_state    VARCHAR(20)   NOT NULL,
    missed_until  BIGINT,
    missed_count  BIGINT,
    stake_amount  VARCHAR(64),
    multiplier    VARCHAR(64),
    price         VARCHAR(64),
    note          VARCHAR(500),
    decision      VARCHAR(20),
    rule          VARCHAR(50),
    reasons       TEXT,
    decision_id   VARCHAR(100),
    trade_id      VARCHAR(100),
    fill_status   VARCHAR(20),
    fill_price    VARCHAR(64),
    fill_amount   VARCHAR(64),
    fill_fee      VARCHAR(64),
    reported_at   BIGINT,
    created_at    BIGINT        NOT NULL,
    updated_at    BIGINT        NOT NULL,
    UNIQUE (plan_id, due_at)
);
CREATE INDEX dca_buy_send_state ON dca_buy (send_state);
