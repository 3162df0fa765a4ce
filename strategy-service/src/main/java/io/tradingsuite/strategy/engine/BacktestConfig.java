package io.tradingsuite.strategy.engine;

import io.tradingsuite.core.ExitPlan;
import io.tradingsuite.core.Timeframe;
import io.tradingsuite.strategy.api.StrategySettings;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a backtest run needs besides data: Freqtrade's config keys that affect results. Start
 * from a strategy's settings ({@link #builder(StrategySettings)}) and override like Freqtrade's
 * config does. Immutable.
 */
public final class BacktestConfig {

  /** Freqtrade order types; custom prices are only used for {@code LIMIT}. */
  public enum OrderType {
    LIMIT,
    MARKET
  }

  private final Timeframe timeframe;
  private final ExitPlan exitPlan;
  private final StakeAmount stakeAmount;
  private final BigDecimal dryRunWallet;
  private final BigDecimal availableCapital;
  private final double tradableBalanceRatio;
  private final boolean amendLastStakeAmount;
  private final double lastStakeAmountMinRatio;
  private final int maxOpenTrades;
  private final double fee;
  private final Instant timerangeStart;
  private final Instant timerangeEnd;
  private final int startupCandles;
  private final boolean enableProtections;
  private final List<Map<String, Object>> protections;
  private final Integer entryTimeoutMinutes;
  private final Integer exitTimeoutMinutes;
  private final OrderType entryOrderType;
  private final OrderType exitOrderType;
  private final int pricePrecision;
  private final int amountPrecision;
  private final double minStakeAmount;
  private final double maxStakeAmount;

  private BacktestConfig(Builder b) {
    this.timeframe = Objects.requireNonNull(b.timeframe, "timeframe");
    this.exitPlan = Objects.requireNonNull(b.exitPlan, "exitPlan");
    this.stakeAmount = Objects.requireNonNull(b.stakeAmount, "stakeAmount");
    this.dryRunWallet = Objects.requireNonNull(b.dryRunWallet, "dryRunWallet");
    this.availableCapital = b.availableCapital;
    this.tradableBalanceRatio = b.tradableBalanceRatio;
    this.amendLastStakeAmount = b.amendLastStakeAmount;
    this.lastStakeAmountMinRatio = b.lastStakeAmountMinRatio;
    this.maxOpenTrades = b.maxOpenTrades;
    this.fee = b.fee;
    this.timerangeStart = b.timerangeStart;
    this.timerangeEnd = b.timerangeEnd;
    this.startupCandles = b.startupCandles;
    this.enableProtections = b.enableProtections;
    this.protections = b.protections == null ? List.of() : List.copyOf(b.protections);
    this.entryTimeoutMinutes = b.entryTimeoutMinutes;
    this.exitTimeoutMinutes = b.exitTimeoutMinutes;
    this.entryOrderType = b.entryOrderType;
    this.exitOrderType = b.exitOrderType;
    this.pricePrecision = b.pricePrecision;
    this.amountPrecision = b.amountPrecision;
    this.minStakeAmount = b.minStakeAmount;
    this.maxStakeAmount = b.maxStakeAmount;
    if (dryRunWallet.signum() <= 0) {
      throw new IllegalArgumentException("dry_run_wallet must be positive");
    }
    if (fee < 0 || fee >= 1) {
      throw new IllegalArgumentException("fee must be in [0, 1): " + fee);
    }
    if (startupCandles < 0) {
      throw new IllegalArgumentException("startup candles must be >= 0");
    }
    if (stakeAmount.isUnlimited() && maxOpenTrades < 0) {
      throw new IllegalArgumentException("stake_amount 'unlimited' needs a finite max_open_trades");
    }
    if (timerangeStart != null && timerangeEnd != null && timerangeEnd.isBefore(timerangeStart)) {
      throw new IllegalArgumentException("timerange end before start");
    }
    if (tradableBalanceRatio <= 0 || tradableBalanceRatio > 1) {
      throw new IllegalArgumentException("tradable_balance_ratio must be in (0, 1]");
    }
  }

  /** Defaults from a strategy's settings (timeframe, exit plan, startup candles, protections). */
  public static Builder builder(StrategySettings settings) {
    Builder b = new Builder();
    b.timeframe = settings.timeframe();
    b.exitPlan = settings.exitPlan();
    b.startupCandles = settings.startupCandleCount();
    b.protections = settings.protections();
    return b;
  }

  public static Builder builder(Timeframe timeframe, ExitPlan exitPlan) {
    Builder b = new Builder();
    b.timeframe = timeframe;
    b.exitPlan = exitPlan;
    return b;
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.timeframe = timeframe;
    b.exitPlan = exitPlan;
    b.stakeAmount = stakeAmount;
    b.dryRunWallet = dryRunWallet;
    b.availableCapital = availableCapital;
    b.tradableBalanceRatio = tradableBalanceRatio;
    b.amendLastStakeAmount = amendLastStakeAmount;
    b.lastStakeAmountMinRatio = lastStakeAmountMinRatio;
    b.maxOpenTrades = maxOpenTrades;
    b.fee = fee;
    b.timerangeStart = timerangeStart;
    b.timerangeEnd = timerangeEnd;
    b.startupCandles = startupCandles;
    b.enableProtections = enableProtections;
    b.protections = protections;
    b.entryTimeoutMinutes = entryTimeoutMinutes;
    b.exitTimeoutMinutes = exitTimeoutMinutes;
    b.entryOrderType = entryOrderType;
    b.exitOrderType = exitOrderType;
    b.pricePrecision = pricePrecision;
    b.amountPrecision = amountPrecision;
    b.minStakeAmount = minStakeAmount;
    b.maxStakeAmount = maxStakeAmount;
    return b;
  }

  public Timeframe timeframe() {
    return timeframe;
  }

  public ExitPlan exitPlan() {
    return exitPlan;
  }

  public StakeAmount stakeAmount() {
    return stakeAmount;
  }

  public BigDecimal dryRunWallet() {
    return dryRunWallet;
  }

  /** Freqtrade's {@code available_capital}, or {@code null}. */
  public BigDecimal availableCapital() {
    return availableCapital;
  }

  public double tradableBalanceRatio() {
    return tradableBalanceRatio;
  }

  public boolean amendLastStakeAmount() {
    return amendLastStakeAmount;
  }

  public double lastStakeAmountMinRatio() {
    return lastStakeAmountMinRatio;
  }

  /** {@code -1} = unlimited. */
  public int maxOpenTrades() {
    return maxOpenTrades;
  }

  public double fee() {
    return fee;
  }

  public Instant timerangeStart() {
    return timerangeStart;
  }

  public Instant timerangeEnd() {
    return timerangeEnd;
  }

  public int startupCandles() {
    return startupCandles;
  }

  public boolean enableProtections() {
    return enableProtections;
  }

  public List<Map<String, Object>> protections() {
    return protections;
  }

  /** {@code unfilledtimeout.entry} in minutes, {@code null} = none. */
  public Integer entryTimeoutMinutes() {
    return entryTimeoutMinutes;
  }

  /** {@code unfilledtimeout.exit} in minutes, {@code null} = none. */
  public Integer exitTimeoutMinutes() {
    return exitTimeoutMinutes;
  }

  public OrderType entryOrderType() {
    return entryOrderType;
  }

  public OrderType exitOrderType() {
    return exitOrderType;
  }

  /** Price decimals of the market, {@code -1} = unknown. */
  public int pricePrecision() {
    return pricePrecision;
  }

  /** Amount decimals of the market, {@code -1} = unknown. */
  public int amountPrecision() {
    return amountPrecision;
  }

  /** Minimum stake per trade (market limit incl. reserve), 0 = none. */
  public double minStakeAmount() {
    return minStakeAmount;
  }

  /** Maximum stake per trade, {@code +inf} = none. */
  public double maxStakeAmount() {
    return maxStakeAmount;
  }

  /** Mutable builder; defaults are Freqtrade's. */
  public static final class Builder {
    private Timeframe timeframe;
    private ExitPlan exitPlan;
    private StakeAmount stakeAmount = StakeAmount.UNLIMITED;
    private BigDecimal dryRunWallet = new BigDecimal("1000");
    private BigDecimal availableCapital;
    private double tradableBalanceRatio = 0.99;
    private boolean amendLastStakeAmount;
    private double lastStakeAmountMinRatio = 0.5;
    private int maxOpenTrades = 3;
    private double fee;
    private Instant timerangeStart;
    private Instant timerangeEnd;
    private int startupCandles;
    private boolean enableProtections;
    private List<Map<String, Object>> protections = List.of();
    private Integer entryTimeoutMinutes;
    private Integer exitTimeoutMinutes;
    private OrderType entryOrderType = OrderType.LIMIT;
    private OrderType exitOrderType = OrderType.LIMIT;
    private int pricePrecision = -1;
    private int amountPrecision = -1;
    private double minStakeAmount;
    private double maxStakeAmount = Double.POSITIVE_INFINITY;

    public Builder timeframe(Timeframe v) {
      timeframe = v;
      return this;
    }

    public Builder exitPlan(ExitPlan v) {
      exitPlan = v;
      return this;
    }

    public Builder stakeAmount(StakeAmount v) {
      stakeAmount = v;
      return this;
    }

    public Builder dryRunWallet(BigDecimal v) {
      dryRunWallet = v;
      return this;
    }

    public Builder availableCapital(BigDecimal v) {
      availableCapital = v;
      return this;
    }

    public Builder tradableBalanceRatio(double v) {
      tradableBalanceRatio = v;
      return this;
    }

    public Builder amendLastStakeAmount(boolean v) {
      amendLastStakeAmount = v;
      return this;
    }

    public Builder lastStakeAmountMinRatio(double v) {
      lastStakeAmountMinRatio = v;
      return this;
    }

    /** {@code -1} = unlimited. */
    public Builder maxOpenTrades(int v) {
      maxOpenTrades = v;
      return this;
    }

    public Builder fee(double v) {
      fee = v;
      return this;
    }

    public Builder timerange(Instant start, Instant end) {
      timerangeStart = start;
      timerangeEnd = end;
      return this;
    }

    public Builder startupCandles(int v) {
      startupCandles = v;
      return this;
    }

    public Builder enableProtections(boolean v) {
      enableProtections = v;
      return this;
    }

    public Builder protections(List<Map<String, Object>> v) {
      protections = v;
      return this;
    }

    public Builder unfilledTimeoutMinutes(Integer entry, Integer exit) {
      entryTimeoutMinutes = entry;
      exitTimeoutMinutes = exit;
      return this;
    }

    public Builder orderTypes(OrderType entry, OrderType exit) {
      entryOrderType = entry;
      exitOrderType = exit;
      return this;
    }

    public Builder pricePrecision(int v) {
      pricePrecision = v;
      return this;
    }

    public Builder amountPrecision(int v) {
      amountPrecision = v;
      return this;
    }

    public Builder stakeLimits(double min, double max) {
      minStakeAmount = min;
      maxStakeAmount = max;
      return this;
    }

    public BacktestConfig build() {
      return new BacktestConfig(this);
    }
  }
}
