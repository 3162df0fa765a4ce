package io.tradingsuite.strategy.hyperopt;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Freqtrade's built-in hyperopt loss functions (same names, same formulas as its {@code
 * freqtrade/optimize/hyperopt_loss/*.py} and {@code data/metrics.py} at the reference commit).
 * Lower is better. Epochs with fewer than {@code min_trades} trades are not passed here: they get
 * {@link #MAX_LOSS}.
 */
public enum HyperoptLoss {

  /** Trade count near 600, profit up to 300 %, short trades. */
  ShortTradeDurHyperOptLoss {
    @Override
    public double loss(LossInput in) {
      double totalProfit = sum(in.profitRatio());
      double duration = mean(in.durationMinutes());
      double tradeLoss =
          1 - 0.25 * Math.exp(-Math.pow(in.tradeCount() - 600, 2) / Math.pow(10, 5.8));
      double profitLoss = Math.max(0, 1 - totalProfit / 3.0);
      double durationLoss = 0.4 * Math.min(duration / 300, 1);
      return tradeLoss + profitLoss + durationLoss;
    }
  },
  /** Absolute profit only. */
  OnlyProfitHyperOptLoss {
    @Override
    public double loss(LossInput in) {
      return -sum(in.profitAbs());
    }
  },
  /** {@code -calculate_sharpe}: per-trade returns on the starting balance. */
  SharpeHyperOptLoss {
    @Override
    public double loss(LossInput in) {
      if (undefined(in)) {
        return 0.0;
      }
      double[] r = returns(in);
      double mean = sum(r) / days(in);
      double sd = std(r);
      return -(sd != 0 ? mean / sd * Math.sqrt(365) : -100);
    }
  },
  /** Sharpe on daily sums of {@code profit_ratio - 0.0005}, sample standard deviation. */
  SharpeHyperOptLossDaily {
    @Override
    public double loss(LossInput in) {
      double[] daily = dailySums(in);
      double mean = mean(daily);
      double sd = sampleStd(daily);
      return -(sd != 0 ? mean / sd * Math.sqrt(365) : -20.0);
    }
  },
  /** {@code -calculate_sortino}: deviation of the losing trades only. */
  SortinoHyperOptLoss {
    @Override
    public double loss(LossInput in) {
      if (undefined(in)) {
        return 0.0;
      }
      double[] r = returns(in);
      double mean = sum(r) / days(in);
      double[] down = Arrays.stream(r).filter(x -> x < 0).toArray();
      double sd = down.length == 0 ? Double.NaN : std(down);
      return -(sd != 0 && !Double.isNaN(sd) ? mean / sd * Math.sqrt(365) : -100);
    }
  },
  /**
   * Sortino on daily sums of {@code profit_ratio - 0.0005}, downside = root mean square of negative
   * days.
   */
  SortinoHyperOptLossDaily {
    @Override
    public double loss(LossInput in) {
      double[] daily = dailySums(in);
      double mean = mean(daily);
      double sq = 0;
      for (double d : daily) {
        if (d < 0) {
          sq += d * d;
        }
      }
      double down = Math.sqrt(sq / daily.length);
      return -(down != 0 ? mean / down * Math.sqrt(365) : -20.0);
    }
  },
  /** {@code -calculate_calmar}: daily expected return in % over the relative account drawdown. */
  CalmarHyperOptLoss {
    @Override
    public double loss(LossInput in) {
      if (undefined(in)) {
        return 0.0;
      }
      double expected = sum(in.profitAbs()) / in.startingBalance() / days(in) * 100;
      Drawdown dd = Drawdown.of(in, in.startingBalance());
      double maxDd = dd == null ? 0 : dd.relative;
      return -(maxDd != 0 ? expected / maxDd * Math.sqrt(365) : -100);
    }
  },
  /** Profit over the absolute max drawdown (just profit when there is none). */
  MaxDrawDownHyperOptLoss {
    @Override
    public double loss(LossInput in) {
      double total = sum(in.profitAbs());
      Drawdown dd = Drawdown.of(in, 0);
      if (dd == null) {
        return -total;
      }
      return -total / dd.abs;
    }
  },
  /** Profit over absolute drawdown over the largest relative drawdown (underwater curve). */
  MaxDrawDownRelativeHyperOptLoss {
    @Override
    public double loss(LossInput in) {
      double total = sum(in.profitAbs());
      if (in.tradeCount() == 0) {
        return -total;
      }
      double[] p = byClose(in);
      double sb = in.startingBalance();
      double cum = 0;
      double high = Double.NEGATIVE_INFINITY;
      double maxDd = 0;
      double maxRel = Double.NEGATIVE_INFINITY;
      for (double x : p) {
        cum += x;
        high = Math.max(high, cum);
        maxDd = Math.min(maxDd, cum - high);
        maxRel = Math.max(maxRel, ((sb + high) - (sb + cum)) / (sb + high));
      }
      if (maxDd == 0) {
        return -total;
      }
      return -total / Math.abs(maxDd) / maxRel;
    }
  },
  /** Profit reduced by the relative account drawdown ({@code DRAWDOWN_MULT = 0.055}). */
  ProfitDrawDownHyperOptLoss {
    @Override
    public double loss(LossInput in) {
      double total = sum(in.profitAbs());
      Drawdown dd = Drawdown.of(in, in.startingBalance());
      double rel = dd == null ? 0 : dd.relative;
      return -1 * (total - (rel * total) * (1 - 0.055));
    }
  };

  /**
   * Freqtrade's {@code MAX_LOSS}: the loss of an epoch with fewer than {@code min_trades} trades.
   */
  public static final double MAX_LOSS = 100000;

  /** The loss of one epoch (lower is better). */
  public abstract double loss(LossInput in);

  /**
   * By Freqtrade name; an unknown name is a {@link HyperoptInputException} on field {@code loss}.
   */
  public static HyperoptLoss parse(String name) {
    if (name == null || name.isBlank()) {
      return SharpeHyperOptLoss;
    }
    for (HyperoptLoss l : values()) {
      if (l.name().equals(name.trim())) {
        return l;
      }
    }
    throw new HyperoptInputException(
        "loss", "unknown loss '" + name + "', known: " + Arrays.toString(values()));
  }

  // ---- helpers (numpy/pandas semantics) ----

  static boolean undefined(LossInput in) {
    return in.tradeCount() == 0
        || in.minDate() == null
        || in.maxDate() == null
        || in.minDate().equals(in.maxDate());
  }

  static long days(LossInput in) {
    return Math.max(1, Duration.between(in.minDate(), in.maxDate()).toDays());
  }

  static double[] returns(LossInput in) {
    double[] r = new double[in.tradeCount()];
    for (int i = 0; i < r.length; i++) {
      r[i] = in.profitAbs()[i] / in.startingBalance();
    }
    return r;
  }

  static double sum(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s;
  }

  static double mean(double[] v) {
    return v.length == 0 ? Double.NaN : sum(v) / v.length;
  }

  /** numpy {@code std} (ddof = 0). */
  static double std(double[] v) {
    double m = mean(v);
    double ss = 0;
    for (double x : v) {
      ss += (x - m) * (x - m);
    }
    return Math.sqrt(ss / v.length);
  }

  /** pandas {@code Series.std} (ddof = 1; NaN below two values). */
  static double sampleStd(double[] v) {
    if (v.length < 2) {
      return Double.NaN;
    }
    double m = mean(v);
    double ss = 0;
    for (double x : v) {
      ss += (x - m) * (x - m);
    }
    return Math.sqrt(ss / (v.length - 1));
  }

  /** {@code profit_abs} sorted by close date (stable, as pandas' sort of the trade list). */
  static double[] byClose(LossInput in) {
    Integer[] idx = IntStream.range(0, in.tradeCount()).boxed().toArray(Integer[]::new);
    Arrays.sort(idx, Comparator.comparingLong(i -> in.closeTimeMs()[i]));
    double[] out = new double[idx.length];
    for (int i = 0; i < idx.length; i++) {
      out[i] = in.profitAbs()[idx[i]];
    }
    return out;
  }

  /**
   * Per calendar day (UTC) from {@code min_date}'s day to {@code max_date}'s day: sum of {@code
   * profit_ratio - 0.0005} of trades closed that day, 0 for days without trades (trades closed
   * outside the range are dropped, as pandas' {@code reindex} does).
   */
  static double[] dailySums(LossInput in) {
    if (in.minDate() == null || in.maxDate() == null) {
      return new double[0];
    }
    long first = dayIndex(in.minDate());
    long last = dayIndex(in.maxDate());
    int n = (int) Math.max(0, last - first + 1);
    double[] d = new double[n];
    for (int i = 0; i < in.tradeCount(); i++) {
      long day = Math.floorDiv(in.closeTimeMs()[i], 86_400_000L) - first;
      if (day >= 0 && day < n) {
        d[(int) day] += in.profitRatio()[i] - 0.0005;
      }
    }
    return d;
  }

  private static long dayIndex(Instant t) {
    return t.atOffset(ZoneOffset.UTC).toLocalDate().toEpochDay();
  }

  /**
   * {@code calculate_max_drawdown} on {@code profit_abs}; {@code null} where Freqtrade raises
   * ValueError.
   */
  static final class Drawdown {
    final double abs;
    final double relative;

    private Drawdown(double abs, double relative) {
      this.abs = abs;
      this.relative = relative;
    }

    static Drawdown of(LossInput in, double startingBalance) {
      if (in.tradeCount() == 0) {
        return null;
      }
      double[] p = byClose(in);
      double cum = 0;
      double high = Double.NEGATIVE_INFINITY;
      double minDd = Double.POSITIVE_INFINITY;
      int idx = -1;
      double rel = 0;
      for (int i = 0; i < p.length; i++) {
        cum += p[i];
        high = Math.max(high, cum);
        double dd = cum - high;
        if (dd < minDd) {
          minDd = dd;
          idx = i;
          rel =
              startingBalance != 0
                  ? ((startingBalance + high) - (startingBalance + cum)) / (startingBalance + high)
                  : (high - cum) / high;
        }
      }
      if (idx == 0) {
        return null;
      }
      return new Drawdown(Math.abs(minDd), rel);
    }
  }
}
