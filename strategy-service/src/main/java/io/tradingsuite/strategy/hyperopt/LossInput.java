package io.tradingsuite.strategy.hyperopt;

import io.tradingsuite.strategy.engine.BacktestResult;
import io.tradingsuite.strategy.engine.TradeResult;
import java.time.Instant;
import java.util.List;

/**
 * What a loss function sees of one epoch (Freqtrade passes the results frame, {@code trade_count},
 * {@code min_date}/{@code max_date} of the data and the config's {@code dry_run_wallet}). Trades in
 * the backtest's order.
 *
 * @param profitRatio per trade {@code profit_ratio}
 * @param profitAbs per trade {@code profit_abs}
 * @param durationMinutes per trade {@code trade_duration}
 * @param closeTimeMs per trade {@code close_date} (epoch ms)
 */
// per-trade columns, read by index in the loss functions; copying them per epoch would cost
// hyperopt
@SuppressWarnings("ArrayRecordComponent")
public record LossInput(
    double[] profitRatio,
    double[] profitAbs,
    double[] durationMinutes,
    long[] closeTimeMs,
    Instant minDate,
    Instant maxDate,
    double startingBalance) {

  public int tradeCount() {
    return profitRatio.length;
  }

  public static LossInput of(BacktestResult r) {
    List<TradeResult> trades = r.trades();
    int n = trades.size();
    double[] ratio = new double[n];
    double[] abs = new double[n];
    double[] dur = new double[n];
    long[] close = new long[n];
    for (int i = 0; i < n; i++) {
      TradeResult t = trades.get(i);
      ratio[i] = t.profitRatio();
      abs[i] = t.profitAbs().doubleValue();
      dur[i] = t.tradeDurationMinutes();
      close[i] = t.closeDate().toEpochMilli();
    }
    return new LossInput(
        ratio,
        abs,
        dur,
        close,
        r.summary().backtestStart(),
        r.summary().backtestEnd(),
        r.summary().startingBalance().doubleValue());
  }
}
