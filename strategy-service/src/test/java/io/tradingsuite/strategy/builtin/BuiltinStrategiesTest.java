package io.tradingsuite.strategy.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tradingsuite.strategy.api.CandleColumns;
import io.tradingsuite.strategy.api.IndicatorCache;
import io.tradingsuite.strategy.api.Indicators;
import io.tradingsuite.strategy.api.SignalColumns;
import io.tradingsuite.strategy.api.Strategy;
import io.tradingsuite.strategy.api.StrategyParams;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuiltinStrategiesTest {

  static CandleColumns closes(double... c) {
    int n = c.length;
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      t[i] = i * 300_000L;
    }
    return new CandleColumns(t, c, c, c, c, new double[n]);
  }

  static double[] wave(int n) {
    double[] c = new double[n];
    for (int i = 0; i < n; i++) {
      c[i] = 100 + 10 * Math.sin(i / 8.0);
    }
    return c;
  }

  @Test
  void registryListsTheBuiltinsWithParametersAndDefaults() {
    StrategyRegistry reg = StrategyRegistry.builtin();
    assertThat(reg.names())
        .containsExactly(
            "MaCrossoverStrategy", "RsiMeanReversionStrategy", "BollingerBandsStrategy", "Signals");
    StrategyRegistry.StrategyDescriptor ma = reg.describe().get(0);
    assertThat(ma.parameters())
        .extracting(StrategyRegistry.ParameterDescriptor::name)
        .containsExactly("fast", "slow", "ma_type");
    assertThat(ma.parameters().get(0).defaultValue()).isEqualTo(10);
    assertThat(ma.parameters().get(1).defaultValue()).isEqualTo(30);
    assertThat(ma.parameters().get(2).choices()).containsExactly("SMA", "EMA");
    assertThatThrownBy(() -> reg.require("Nope")).hasMessageContaining("MaCrossoverStrategy");
  }

  @Test
  void paramsAreValidatedAndDefaulted() {
    Strategy s = new MaCrossoverStrategy();
    StrategyParams p = s.resolveParams(Map.of("fast", 5));
    assertThat(p.getInt("fast")).isEqualTo(5);
    assertThat(p.getInt("slow")).isEqualTo(30);
    assertThat(p.getString("ma_type")).isEqualTo("SMA");
    assertThatThrownBy(() -> s.resolveParams(Map.of("fast", 500)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.resolveParams(Map.of("ma_type", "WMA")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.resolveParams(Map.of("nope", 1)))
        .isInstanceOf(IllegalArgumentException.class);
    StrategyParams bb =
        new BollingerBandsStrategy()
            .resolveParams(Map.of("bb_std", "2.25", "exit_at_upper", "true"));
    assertThat(bb.getDouble("bb_std")).isEqualTo(2.2);
    assertThat(bb.getBoolean("exit_at_upper")).isTrue();
  }

  @Test
  void smaFromTaLibMatchesTheRollingMeanWithNanWarmup() {
    double[] sma = TaLib.sma(new double[] {1, 2, 3, 4, 5}, 3);
    assertThat(Double.isNaN(sma[0]) && Double.isNaN(sma[1])).isTrue();
    assertThat(sma[2]).isEqualTo(2.0);
    assertThat(sma[4]).isEqualTo(4.0);
    double[] ema = TaLib.ema(new double[] {1, 2, 3, 4, 5}, 3);
    assertThat(ema[2]).isEqualTo(2.0); // seeded with the SMA, like talib
    assertThat(ema[3]).isCloseTo(3.0, within(1e-12));
  }

  @Test
  void maCrossoverEntersOnCrossAboveAndExitsOnCrossBelow() {
    Strategy s = new MaCrossoverStrategy();
    CandleColumns c = closes(wave(200));
    StrategyParams p = s.resolveParams(Map.of("fast", 3, "slow", 12));
    Indicators ind = s.indicators(c, p);
    SignalColumns sig = s.signals(c, ind, p);
    double[] f = ind.get("fast_ma");
    double[] sl = ind.get("slow_ma");
    int entries = 0;
    for (int i = 1; i < c.size(); i++) {
      boolean crossUp = f[i] > sl[i] && f[i - 1] <= sl[i - 1];
      boolean crossDown = f[i] < sl[i] && f[i - 1] >= sl[i - 1];
      assertThat(sig.enterLong()[i]).isEqualTo(crossUp);
      assertThat(sig.exitLong()[i]).isEqualTo(crossDown);
      entries += crossUp ? 1 : 0;
    }
    assertThat(entries).isGreaterThan(2);
    StrategyParams ema = s.resolveParams(Map.of("fast", 3, "slow", 12, "ma_type", "EMA"));
    assertThat(s.indicators(c, ema).get("fast_ma")[50]).isNotEqualTo(f[50]);
  }

  @Test
  void rsiAndBollingerProduceSignalsOnAWave() {
    CandleColumns c = closes(wave(300));
    Strategy rsi = new RsiMeanReversionStrategy();
    SignalColumns rs = rsi.computeSignals(c, rsi.resolveParams(Map.of()));
    assertThat(count(rs.enterLong())).isPositive();
    assertThat(count(rs.exitLong())).isPositive();
    Strategy bb = new BollingerBandsStrategy();
    Indicators ind = bb.indicators(c, bb.resolveParams(Map.of()));
    assertThat(ind.get("bb_upper")[100]).isGreaterThan(ind.get("bb_middle")[100]);
    assertThat(ind.get("bb_lower")[100]).isLessThan(ind.get("bb_middle")[100]);
  }

  @Test
  void signalsStrategyReadsTheFlagsGivenWithTheCandles() {
    long[] t = {0, 300_000, 600_000};
    double[] x = {1, 1, 1};
    CandleColumns c =
        new CandleColumns(
            t,
            x,
            x,
            x,
            x,
            x,
            Map.of("enter_long", new double[] {1, 0, 0}, "exit_long", new double[] {0, 0, 1}));
    Strategy s = new SignalsStrategy();
    SignalColumns sig = s.computeSignals(c, s.resolveParams(Map.of()));
    assertThat(sig.enterLong()).containsExactly(true, false, false);
    assertThat(sig.exitLong()).containsExactly(false, false, true);
  }

  @Test
  void indicatorCacheReusesColumnsWhenOnlySignalParametersChange() {
    Strategy s = new RsiMeanReversionStrategy();
    IndicatorCache cache = new IndicatorCache(s, 8);
    CandleColumns c = closes(wave(100));
    Indicators a = cache.indicators(c, s.resolveParams(Map.of("buy_rsi", 25)));
    Indicators b = cache.indicators(c, s.resolveParams(Map.of("buy_rsi", 35, "sell_rsi", 80)));
    Indicators other = cache.indicators(c, s.resolveParams(Map.of("rsi_period", 7)));
    assertThat(b).isSameAs(a);
    assertThat(other).isNotSameAs(a);
  }

  private static int count(boolean[] b) {
    int n = 0;
    for (boolean x : b) {
      n += x ? 1 : 0;
    }
    return n;
  }
}
