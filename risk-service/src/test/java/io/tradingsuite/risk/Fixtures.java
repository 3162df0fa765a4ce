package io.tradingsuite.risk;

import io.tradingsuite.contracts.Candle;
import io.tradingsuite.contracts.ExitPlan;
import io.tradingsuite.contracts.Fill;
import io.tradingsuite.contracts.FillStatus;
import io.tradingsuite.contracts.OrderSide;
import io.tradingsuite.contracts.Signal;
import io.tradingsuite.contracts.SignalAction;
import io.tradingsuite.contracts.TradingMode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.TreeMap;
import java.util.UUID;

/** Messages for risk tests; every test uses its own exchange id, so limits and books never mix. */
public final class Fixtures {
  public static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  private Fixtures() {}

  public static String freshExchange() {
    return "rx" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  public static String freshPair() {
    return "R"
        + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase(Locale.ROOT)
        + "/USDT";
  }

  public static ExitPlan plan() {
    TreeMap<Integer, BigDecimal> roi = new TreeMap<>();
    roi.put(0, new BigDecimal("0.05"));
    roi.put(30, new BigDecimal("0.02"));
    return new ExitPlan(new BigDecimal("-0.10"), roi, false, null, BigDecimal.ZERO, false);
  }

  public static Signal entry(String exchange, String pair, Instant candle, String stake) {
    return new Signal(
        "sig-" + UUID.randomUUID(),
        "MaCrossoverStrategy",
        exchange,
        pair,
        "5m",
        candle,
        SignalAction.ENTER_LONG,
        null,
        null,
        new BigDecimal("100"),
        new BigDecimal(stake),
        plan(),
        candle.plusSeconds(300));
  }

  public static Signal exit(String exchange, String pair, Instant candle, String tradeId) {
    return new Signal(
        "sig-" + UUID.randomUUID(),
        "MaCrossoverStrategy",
        exchange,
        pair,
        "5m",
        candle,
        SignalAction.EXIT_LONG,
        "exit_signal",
        tradeId,
        new BigDecimal("100"),
        null,
        null,
        candle.plusSeconds(300));
  }

  public static Candle candle(String exchange, String pair, Instant openTime) {
    return new Candle(
        exchange,
        pair,
        "5m",
        openTime,
        new BigDecimal("100"),
        new BigDecimal("101"),
        new BigDecimal("99"),
        new BigDecimal("100.5"),
        new BigDecimal("10"));
  }

  public static Fill fill(
      String exchange,
      String pair,
      String tradeId,
      String signalId,
      OrderSide side,
      String price,
      String amount,
      String fee,
      String feeCurrency,
      Instant at,
      String exitReason) {
    return new Fill(
        "fill-" + UUID.randomUUID(),
        "ts-x",
        "rd-x",
        signalId,
        tradeId,
        exchange,
        pair,
        side,
        new BigDecimal(price),
        new BigDecimal(amount),
        new BigDecimal(fee),
        feeCurrency,
        TradingMode.PAPER,
        FillStatus.FILLED,
        side == OrderSide.SELL ? exitReason : null,
        null,
        at);
  }
}
