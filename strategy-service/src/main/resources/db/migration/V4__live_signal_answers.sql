-- A bot's signal answered without a trade (denied by risk, order rejected): not pending after a restart.
ALTER TABLE bot_signal ADD COLUMN answered_at BIGINT;
