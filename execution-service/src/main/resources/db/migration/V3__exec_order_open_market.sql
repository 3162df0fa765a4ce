-- The paper book looks up the market orders resting in one market (on every candle) and the orders
-- of a state; protective legs rest there too (OPEN, type stop / take_profit, two per open trade), so
-- the index leads with the state and the type: a candle reads only the market orders, not every leg.
CREATE INDEX exec_order_open ON exec_order (state, type, exchange, pair);
DROP INDEX exec_order_state;
