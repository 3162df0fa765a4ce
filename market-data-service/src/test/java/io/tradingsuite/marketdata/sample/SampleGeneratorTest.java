package io.tradingsuite.marketdata.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsuite.core.Timeframe;
import io.tradingsuite.marketdata.candles.CandleChecks;
import io.tradingsuite.marketdata.candles.Ohlcv;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The synthetic set is deterministic, valid, and looks like a market (trends, ranges, clustered
 * volatility).
 */
class SampleGeneratorTest {

  @Test
  void sameSeedSameCandlesDifferentPairsDiffer() {
    List<Ohlcv> a = SampleDataSet.candles("BTC/USDT");
    List<Ohlcv> b = SampleDataSet.candles("BTC/USDT");
    assertThat(a).hasSize(SampleDataSet.candlesPerPair()).isEqualTo(b);
    assertThat(SampleDataSet.candles("ETH/USDT").get(10).close()).isNotEqualTo(a.get(10).close());
  }

  @Test
  void everyCandlePassesTheImportChecksOnAContiguousGrid() {
    for (String pair : SampleDataSet.pairs()) {
      List<Ohlcv> c = SampleDataSet.candles(pair);
      var checked = CandleChecks.check(c, List.of(), Timeframe.parse(SampleDataSet.TIMEFRAME));
      assertThat(checked.bad()).as(pair).isEmpty();
      assertThat(c.get(0).openTime()).isEqualTo(SampleDataSet.START.toEpochMilli());
      assertThat(c.get(c.size() - 1).openTime() + 300_000).isEqualTo(SampleDataSet.end());
      assertThat(c).allSatisfy(o -> assertThat(o.volume().signum()).isPositive());
    }
  }

  @Test
  void hasTrendsAndVolatilityClusters() {
    List<Ohlcv> c = SampleDataSet.candles("BTC/USDT");
    int n = c.size();
    double[] r = new double[n - 1];
    for (int i = 1; i < n; i++) {
      r[i - 1] = Math.log(c.get(i).close().doubleValue() / c.get(i - 1).close().doubleValue());
    }
    // volatility clustering: |returns| are positively autocorrelated (GARCH), raw returns much less
    // so
    assertThat(autocorr(abs(r))).isGreaterThan(0.1);
    // regimes: 1-day windows move by more than pure noise would in several places (trends)
    int strongDays = 0;
    for (int d = 0; d + 288 < n; d += 288) {
      double move =
          Math.abs(Math.log(c.get(d + 288).close().doubleValue() / c.get(d).close().doubleValue()));
      if (move > 0.03) {
        strongDays++;
      }
    }
    assertThat(strongDays).isGreaterThan(2);
    // fast/slow moving averages cross often enough for an MA-crossover strategy to trade within
    // ~100 candles
    int crosses = 0;
    for (int i = 31; i < 400; i++) {
      if (Math.signum(ma(c, i, 10) - ma(c, i, 30))
          != Math.signum(ma(c, i - 1, 10) - ma(c, i - 1, 30))) {
        crosses++;
      }
    }
    assertThat(crosses).isGreaterThan(2);
  }

  private static double ma(List<Ohlcv> c, int end, int len) {
    double s = 0;
    for (int i = end - len + 1; i <= end; i++) {
      s += c.get(i).close().doubleValue();
    }
    return s / len;
  }

  private static double[] abs(double[] r) {
    double[] a = new double[r.length];
    for (int i = 0; i < r.length; i++) {
      a[i] = Math.abs(r[i]);
    }
    return a;
  }

  private static double autocorr(double[] x) {
    double mean = 0;
    for (double v : x) {
      mean += v;
    }
    mean /= x.length;
    double num = 0;
    double den = 0;
    for (int i = 0; i < x.length; i++) {
      den += (x[i] - mean) * (x[i] - mean);
      if (i > 0) {
        num += (x[i] - mean) * (x[i - 1] - mean);
      }
    }
    return num / den;
  }
}
