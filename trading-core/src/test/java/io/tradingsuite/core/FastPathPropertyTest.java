package io.tradingsuite.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Scale;

/**
 * The double fast paths of {@link TradePosition} ({@code profitRatio}, the stop adjustment) against
 * the exact decimal route they replace: bit for bit the same values, and - over random candles and
 * random exit plans - the same exits, exit reasons, close rates, stops and profits, candle by
 * candle.
 */
class FastPathPropertyTest {

  private static void assertSameDouble(double fast, double exact, String what) {
    assertThat(Double.doubleToRawLongBits(fast))
        .as("%s: fast %s vs exact %s", what, fast, exact)
        .isEqualTo(Double.doubleToRawLongBits(exact));
  }

  @Provide
  Arbitrary<Double> fees() {
    return Arbitraries.oneOf(
        Arbitraries.of(0.0, 0.001, 0.00075, 0.002, 0.0025),
        Arbitraries.doubles().between(0.0, 0.01).ofScale(12));
  }

  @Provide
  Arbitrary<Double> prices() {
    // prices over 12 orders of magnitude, some on a cent grid like real quotes
    Arbitrary<Double> raw =
        Arbitraries.doubles().between(-6, 6).ofScale(12).map(e -> Math.pow(10, e));
    Arbitrary<Double> cents = Arbitraries.integers().between(1, 10_000_000).map(c -> c / 100.0);
    return Arbitraries.oneOf(raw, cents);
  }

  @Property(tries = 3000)
  void profitRatioEqualsTheExactRoute(
      @ForAll("prices") double openRate,
      @ForAll("fees") double fee,
      @ForAll @DoubleRange(min = -0.99, max = 50) @Scale(12) double move,
      @ForAll @DoubleRange(min = 1e-4, max = 1e4) @Scale(12) double stake) {
    double amount = stake / openRate;
    TradePosition t = new TradePosition("P", 0, openRate, amount, stake, fee, fee, -1);
    double rate = openRate * (1 + move);
    assertSameDouble(t.profitRatio(rate), t.profitRatioExact(rate), "ratio at " + rate);
    assertSameDouble(
        t.profitRatio(openRate), t.profitRatioExact(openRate), "ratio at the open rate");
  }

  /**
   * Close rates whose exact profit ratio lies on or within a few ulps of an 8-decimal rounding tie,
   * where only the exact route knows the answer - the fast path must step aside there.
   */
  @Property(tries = 3000)
  void profitRatioNearRoundingTiesEqualsTheExactRoute(
      @ForAll("prices") double openRate,
      @ForAll("fees") double fee,
      @ForAll @IntRange(min = -90_000_000, max = 900_000_000) int k,
      @ForAll @IntRange(min = -64, max = 64) int ulps,
      @ForAll @DoubleRange(min = 1e-3, max = 1e3) @Scale(12) double stake,
      @ForAll @IntRange(min = -400, max = 400) int offset) {
    double amount = stake / openRate;
    TradePosition t = new TradePosition("P", 0, openRate, amount, stake, fee, fee, -1);
    // on the tie, or up to 4e-4 (in units of the 8th decimal) either side: across the fast path's
    // tie guard
    double tieRatio = (k + 0.5 + (ulps % 2 == 0 ? offset * 1e-6 : 0)) / 1e8;
    double rate = (tieRatio + 1) * t.openTradeValue() / (amount * (1 - fee));
    for (int i = 0; i < Math.abs(ulps); i++) {
      rate = ulps > 0 ? Math.nextUp(rate) : Math.nextDown(rate);
    }
    assertSameDouble(
        t.profitRatio(rate),
        t.profitRatioExact(rate),
        "ratio near tie " + tieRatio + " at " + rate);
  }

  @Property(tries = 3000)
  void toDoubleEqualsBigDecimalDoubleValue(
      @ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long hi,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long lo,
      @ForAll @IntRange(min = 0, max = 40) int digitsCut,
      @ForAll @IntRange(min = 1, max = 63) int scale,
      @ForAll boolean negative) {
    BigInteger u = BigInteger.valueOf(hi).shiftLeft(63).or(BigInteger.valueOf(lo));
    u = u.divide(BigInteger.TEN.pow(digitsCut));
    BigDecimal d = new BigDecimal(negative ? u.negate() : u, scale);
    assertSameDouble(FtMath.toDouble(d), d.doubleValue(), "toDouble " + d);
  }

  /** Decimals exactly halfway between two doubles, and a hair either side: the rounding cases. */
  @Property(tries = 3000)
  void toDoubleRoundsMidpointsLikeBigDecimalDoubleValue(
      @ForAll("prices") double x,
      @ForAll @IntRange(min = -2, max = 2) int nudge,
      @ForAll @IntRange(min = 1, max = 30) int nudgeDigits) {
    BigDecimal mid =
        new BigDecimal(x).add(new BigDecimal(Math.nextUp(x))).divide(BigDecimal.valueOf(2));
    BigDecimal d = mid.add(BigDecimal.valueOf(nudge, mid.scale() + nudgeDigits));
    assertSameDouble(FtMath.toDouble(d), d.doubleValue(), "toDouble " + d);
    assertSameDouble(FtMath.toDouble(d.negate()), d.negate().doubleValue(), "toDouble -" + d);
  }

  @Property(tries = 3000)
  void preciseIsTheShortestStringDecimalWithOrWithoutTheCache(
      @ForAll("prices") double x, @ForAll @IntRange(min = 0, max = 3) int ulps) {
    double y = x;
    for (int i = 0; i < ulps; i++) {
      y = Math.nextUp(y);
    }
    for (double v : new double[] {x, y, x, -y, x * 3, y}) {
      BigDecimal expected = new BigDecimal(Double.toString(v));
      BigDecimal got = FtMath.precise(v);
      assertThat(got).isEqualTo(expected); // equals: same value and same scale
    }
  }

  @Property(tries = 1000)
  void profitRatioMatchesAnIndependentDecimalComputation(
      @ForAll @IntRange(min = 1, max = 10_000_000) int openCents,
      @ForAll @IntRange(min = 1, max = 10_000_000) int closeCents,
      @ForAll @IntRange(min = 1, max = 100_000) int amountMilli,
      @ForAll("fees") double fee) {
    double open = openCents / 100.0;
    double close = closeCents / 100.0;
    double amount = amountMilli / 1000.0;
    TradePosition t = new TradePosition("P", 0, open, amount, open * amount, fee, fee, -1);
    BigDecimal f = new BigDecimal(Double.toString(fee));
    BigDecimal a = new BigDecimal(Double.toString(amount));
    BigDecimal ov = a.multiply(new BigDecimal(Double.toString(open)));
    ov = ov.add(ov.multiply(f));
    BigDecimal cv = a.multiply(new BigDecimal(Double.toString(close)));
    cv = cv.subtract(cv.multiply(f));
    double expected = FtMath.round8(cv.doubleValue() / ov.doubleValue() - 1.0);
    assertSameDouble(t.profitRatio(close), expected, "ratio " + open + " -> " + close);
  }

  @Property(tries = 2000)
  void stopAdjustmentEqualsTheExactRoute(
      @ForAll("prices") double openRate,
      @ForAll @IntRange(min = -1, max = 8) int pricePrecision,
      @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    TradePosition fast =
        new TradePosition("P", 0, openRate, 1, openRate, 0.001, 0.001, pricePrecision);
    TradePosition exact =
        new TradePosition("P", 0, openRate, 1, openRate, 0.001, 0.001, pricePrecision);
    exact.setReferenceArithmetic(true);
    Random rnd = new Random(seed);
    double sl = -0.01 - rnd.nextDouble() * 0.3;
    fast.adjustStopLoss(openRate, sl, true);
    exact.adjustStopLoss(openRate, sl, true);
    double price = openRate;
    for (int i = 0; i < 200; i++) {
      price *= 1 + rnd.nextGaussian() * 0.01;
      double stop = rnd.nextInt(4) == 0 ? -0.001 - rnd.nextDouble() * 0.1 : sl;
      // sometimes exactly the price that reproduces the current stop
      double p = rnd.nextInt(8) == 0 ? exact.stopLoss() / (1 - Math.abs(stop)) : price;
      fast.adjustStopLoss(p, stop, false);
      exact.adjustStopLoss(p, stop, false);
      assertSameDouble(fast.stopLoss(), exact.stopLoss(), "stop after " + p + " / " + stop);
      assertSameDouble(fast.stopLossPct(), exact.stopLossPct(), "stop pct");
      assertThat(fast.isStopLossTrailing()).isEqualTo(exact.isStopLossTrailing());
    }
  }

  /** A random exit plan and a random candle path with trades opened one after the other. */
  record Setup(
      ExitPlan plan,
      int timeframeMinutes,
      double fee,
      int pricePrecision,
      long seed,
      boolean tiePrices) {}

  @Provide
  Arbitrary<Setup> setups() {
    Arbitrary<RoiTable> roi =
        Arbitraries.integers()
            .between(0, 4)
            .flatMap(
                n ->
                    Combinators.combine(
                            Arbitraries.integers().between(0, 600).list().ofSize(n),
                            Arbitraries.doubles().between(-0.02, 0.08).ofScale(12).list().ofSize(n),
                            Arbitraries.of(true, false))
                        .as(
                            (mins, ratios, minusOne) -> {
                              List<Double> flat = new ArrayList<>();
                              for (int i = 0; i < n; i++) {
                                flat.add((double) mins.get(i));
                                flat.add(Math.round(ratios.get(i) * 1e4) / 1e4);
                              }
                              if (minusOne) {
                                flat.add(900.0);
                                flat.add(-1.0);
                              }
                              double[] a = flat.stream().mapToDouble(Double::doubleValue).toArray();
                              return a.length == 0 ? RoiTable.disabled() : RoiTable.of(a);
                            }));
    Arbitrary<ExitPlan> plan =
        Combinators.combine(
                Arbitraries.doubles()
                    .between(0.005, 0.3)
                    .ofScale(12)
                    .map(v -> -Math.round(v * 1e4) / 1e4),
                roi,
                Arbitraries.of(true, false),
                Arbitraries.oneOf(
                    Arbitraries.just(Double.NaN),
                    Arbitraries.doubles().between(0.001, 0.05).ofScale(12)),
                Arbitraries.doubles().between(0.0, 0.06).ofScale(12),
                Arbitraries.of(true, false),
                Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 15))
            .as(
                (sl, r, trailing, tsp, offset, onlyOffset, custom, flags) ->
                    ExitPlan.builder()
                        .stoploss(sl)
                        .minimalRoi(r)
                        .trailingStop(trailing)
                        .trailingStopPositive(tsp)
                        .trailingStopPositiveOffset(offset)
                        .trailingOnlyOffsetIsReached(onlyOffset)
                        .useCustomStoploss(custom)
                        .useExitSignal((flags & 1) != 0)
                        .exitProfitOnly((flags & 2) != 0)
                        .exitProfitOffset((flags & 4) != 0 ? 0.01 : 0.0)
                        .ignoreRoiIfEntrySignal((flags & 8) != 0)
                        .build());
    return Combinators.combine(
            plan,
            Arbitraries.of(1, 5, 60),
            fees(),
            Arbitraries.integers().between(-1, 6),
            Arbitraries.longs(),
            Arbitraries.of(true, false))
        .as(Setup::new);
  }

  @Property(tries = 400)
  void exitEvaluationOverRandomCandlesEqualsTheExactRoute(@ForAll("setups") Setup s) {
    Random rnd = new Random(s.seed());
    ExitEvaluator evaluator = new ExitEvaluator(s.plan(), s.timeframeMinutes());
    ExitDecision fastOut = new ExitDecision();
    ExitDecision exactOut = new ExitDecision();
    long tf = s.timeframeMinutes() * 60_000L;
    double price = 10 + rnd.nextDouble() * 1000;
    TradePosition fast = null;
    TradePosition exact = null;
    for (int i = 0; i < 400; i++) {
      long time = i * tf;
      double open = price;
      double close = price * (1 + rnd.nextGaussian() * 0.01);
      double high = Math.max(open, close) * (1 + Math.abs(rnd.nextGaussian()) * 0.006);
      double low = Math.min(open, close) * (1 - Math.abs(rnd.nextGaussian()) * 0.006);
      if (rnd.nextInt(30) == 0) { // a gap
        open *= 1 + rnd.nextGaussian() * 0.05;
        high = Math.max(high, open);
        low = Math.min(low, open);
      }
      if (s.tiePrices() && fast != null) {
        // a high whose profit sits on an 8-decimal rounding tie: only the exact route can decide it
        double tie = (Math.rint(fast.profitRatioExact(high) * 1e8) + 0.5) / 1e8;
        double h = (tie + 1) * fast.openTradeValue() / (fast.amount() * (1 - s.fee()));
        if (h >= low && h > 0) {
          high = Math.max(h, open);
          close = Math.min(close, high);
        }
      }
      boolean enter = rnd.nextInt(5) == 0;
      boolean exitSig = rnd.nextInt(7) == 0;
      if (fast == null) {
        double amount = 100 / open;
        fast =
            new TradePosition("P", time, open, amount, 100, s.fee(), s.fee(), s.pricePrecision());
        exact =
            new TradePosition("P", time, open, amount, 100, s.fee(), s.fee(), s.pricePrecision());
        exact.setReferenceArithmetic(true);
        fast.adjustStopLoss(open, s.plan().stoploss(), true);
        exact.adjustStopLoss(open, s.plan().stoploss(), true);
      }
      boolean f = evaluator.evaluate(fast, time, open, high, low, close, enter, exitSig, fastOut);
      boolean e = evaluator.evaluate(exact, time, open, high, low, close, enter, exitSig, exactOut);
      String at = "candle " + i + " " + open + "/" + high + "/" + low + "/" + close;
      assertThat(f).as(at).isEqualTo(e);
      assertThat(fastOut.reason()).as(at).isEqualTo(exactOut.reason());
      assertSameDouble(fastOut.closeRate(), exactOut.closeRate(), "close rate, " + at);
      assertSameDouble(fast.stopLoss(), exact.stopLoss(), "stop, " + at);
      assertSameDouble(fast.stopLossPct(), exact.stopLossPct(), "stop pct, " + at);
      assertThat(fast.isStopLossTrailing()).as(at).isEqualTo(exact.isStopLossTrailing());
      assertSameDouble(fast.profitRatio(high), exact.profitRatio(high), "profit at high, " + at);
      if (f) {
        double rate = fastOut.closeRate();
        assertSameDouble(
            fast.profitRatio(rate), exact.profitRatio(rate), "exit profit ratio, " + at);
        assertSameDouble(fast.profitAbs(rate), exact.profitAbs(rate), "exit profit abs, " + at);
        fast = null;
        exact = null;
      }
      price = Math.max(0.01, close);
    }
  }
}
