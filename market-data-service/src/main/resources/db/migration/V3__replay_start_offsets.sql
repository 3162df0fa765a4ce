-- Where the candle topic ended, per partition, when a replay started: after a crash, a resumed replay
-- reads what it had already published from there, so acknowledged but unrecorded candles are not sent again.
CREATE TABLE replay_start_offset (
    replay_id       VARCHAR(64) NOT NULL,
    topic_partition INTEGER     NOT NULL,
    start_offset    BIGINT      NOT NULL,
    PRIMARY KEY (replay_id, topic_partition)
);
