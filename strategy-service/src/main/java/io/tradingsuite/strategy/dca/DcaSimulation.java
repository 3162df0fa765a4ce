package io.tradingsuite.strategy.dca;

import io.tradingsuite.contracts.Money;
import io.tradingsuite.strategy.api.CandleColumns;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.Arrays;

/**
 * Backtests a plan over stored candles, the way the live path would have bought: at each due time
 * in [{@code from}, {@code to}] the dip rule looks at the candles closed by then, and the market
 * buy fills at the open of the candle containing the due time (the paper venue's rule for an entry
 * computed on the previous candle). A due time without that candle is skipped. {@code fee} is a
 * ratio of the stake paid on top of it, as the paper wallet charges it.
 */
public final class DcaSimulation {

  /** A simulation past this many due times is refused (a cron of every minute over two years). */
  public static final int MAX_BUYS = 1_000_000;

  private DcaSimulation() {}

  /**
   * The outcome. Money and amounts at 8 decimals; {@code averageEntryPrice} is stakes over amount
   * (fees excluded, as Freqtrade's open rate), {@code invested} is stakes plus fees, {@code value}
   * is the amount at the last close, {@code profitAbs = value - invested}.
   */
  public record Result(
      Instant from,
      Instant to,
      int buys,
      int dipBuys,
      int skipped,
      BigDecimal invested,
      BigDecimal fees,
      BigDecimal amount,
      BigDecimal averageEntryPrice,
      BigDecimal lastClose,
      Instant lastCloseAt,
      BigDecimal value,
      BigDecimal profitAbs,
      BigDecimal profitRatio,
      Instant firstBuyAt,
      Instant lastBuyAt) {}

  /**
   * Replays the plan's due buys over stored candles.
   *
   * @param candles the plan's market and timeframe, ordered, covering [from - ma period, to]
   * @throws DcaInputException ({@code timerange}) when there is no candle in the range or too many
   *     due times
   */
  public static Result run(
      DcaPlan plan, CandleColumns candles, Instant from, Instant to, BigDecimal fee) {
    long[] times = candles.openTime();
    long tf = plan.timeframe().millis();
    int lastIdx = lastAtOrBefore(times, to.toEpochMilli());
    if (lastIdx < 0 || times[lastIdx] < from.toEpochMilli() - tf) {
      throw new DcaInputException(
          "timerange",
          "no stored "
              + plan.timeframe().name()
              + " candles of "
              + plan.pair()
              + " on "
              + plan.exchange()
              + " between "
              + from
              + " and "
              + to);
    }
    BigDecimal stakes = BigDecimal.ZERO;
    BigDecimal fees = BigDecimal.ZERO;
    BigDecimal amount = BigDecimal.ZERO;
    int buys = 0;
    int dipBuys = 0;
    int skipped = 0;
    int seen = 0;
    Instant first = null;
    Instant last = null;
    for (Instant t = plan.schedule().nextAfter(from.minusMillis(1));
        t != null && !t.isAfter(to);
        t = plan.schedule().nextAfter(t)) {
      if (++seen > MAX_BUYS) {
        throw new DcaInputException(
            "timerange", "more than " + MAX_BUYS + " due buys; choose a shorter timerange");
      }
      long fillOpen = plan.timeframe().floor(t.toEpochMilli());
      int fill = Arrays.binarySearch(times, fillOpen);
      if (fill < 0) {
        skipped++;
        continue;
      }
      BigDecimal stake = plan.stakeAmount();
      if (plan.dip() != null) {
        int signal = Arrays.binarySearch(times, fillOpen - tf);
        DipRule.Outcome o = plan.dip().apply(candles.close(), signal < 0 ? -1 : signal);
        if (o.dip()) {
          dipBuys++;
          stake = stake.multiply(o.multiplier());
        }
      }
      BigDecimal price = BigDecimal.valueOf(candles.open()[fill]);
      stakes = stakes.add(stake);
      fees = fees.add(stake.multiply(fee));
      amount = amount.add(stake.divide(price, MathContext.DECIMAL128));
      buys++;
      if (first == null) {
        first = t;
      }
      last = t;
    }
    BigDecimal lastClose = BigDecimal.valueOf(candles.close()[lastIdx]);
    BigDecimal invested = stakes.add(fees);
    BigDecimal value = amount.multiply(lastClose);
    BigDecimal profit = value.subtract(invested);
    return new Result(
        from,
        to,
        buys,
        dipBuys,
        skipped,
        Money.report(invested),
        Money.report(fees),
        Money.report(amount),
        buys == 0 ? null : Money.report(stakes.divide(amount, MathContext.DECIMAL128)),
        lastClose,
        Instant.ofEpochMilli(times[lastIdx]),
        Money.report(value),
        Money.report(profit),
        buys == 0 ? null : Money.report(profit.divide(invested, MathContext.DECIMAL128)),
        first,
        last);
  }

  /** Index of the last candle opening at or before {@code time}, or -1. */
  static int lastAtOrBefore(long[] times, long time) {
    int i = Arrays.binarySearch(times, time);
    return i >= 0 ? i : -i - 2;
  }
}
