package io.tradingsuite.core;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The mutable rule state of one open (long, spot) trade: what the per-candle exit rules read and update.
 * One instance per trade; used by the backtest engine, the paper venue (one candle at a time) and tests.
 * Not thread-safe (one trade is processed by one thread at a time).
 *
 * <p>Stop-loss semantics follow Freqtrade's {@code LocalTrade.adjust_stop_loss}: the stop only moves up;
 * once it moved after initialisation the trade is "trailing" ({@link #isStopLossTrailing()}), which decides
 * the exit reason {@code trailing_stop_loss} and the exit priority against ROI.
 */
public final class TradePosition {

    private final String pair;
    private final long openTime;
    private final double feeOpen;
    private final double feeClose;
    private final int pricePrecision;

    private double openRate;
    private double amount;
    private double stakeAmount;
    private BigDecimal preciseAmount;
    private double openTradeValue;

    private double stopLoss = Double.NaN;
    private double stopLossPct = Double.NaN;
    private double initialStopLoss = Double.NaN;
    private double initialStopLossPct = Double.NaN;
    private boolean stopLossTrailing;

    private double maxRate = Double.NaN;
    private double minRate = Double.NaN;

    /**
     * @param pair           e.g. {@code BTC/USDT}
     * @param openTime       epoch ms of the candle on which the (first) entry order was placed = trade open date
     * @param openRate       entry fill price
     * @param amount         base-currency amount
     * @param stakeAmount    quote-currency stake (without the entry fee)
     * @param feeOpen        entry fee ratio
     * @param feeClose       exit fee ratio
     * @param pricePrecision price decimals for rounding stops up; {@code -1} = unknown (no rounding)
     */
    public TradePosition(String pair, long openTime, double openRate, double amount, double stakeAmount,
            double feeOpen, double feeClose, int pricePrecision) {
        this.pair = Objects.requireNonNull(pair, "pair");
        this.openTime = openTime;
        this.feeOpen = feeOpen;
        this.feeClose = feeClose;
        this.pricePrecision = pricePrecision;
        setEntry(openRate, amount, stakeAmount);
    }

    /** A trade opened at {@code openRate} with its stop initialised from {@code stoploss}. */
    public static TradePosition open(String pair, long openTime, double openRate, double amount, double stakeAmount,
            double fee, double stoploss) {
        TradePosition t = new TradePosition(pair, openTime, openRate, amount, stakeAmount, fee, fee, -1);
        t.adjustStopLoss(openRate, stoploss, true);
        return t;
    }

    /** Sets (or replaces, for an entry order filled at another price) the entry rate, amount and stake. */
    public void setEntry(double openRate, double amount, double stakeAmount) {
        if (!(openRate > 0)) {
            throw new IllegalArgumentException("open rate must be positive: " + openRate);
        }
        this.openRate = openRate;
        this.amount = amount;
        this.stakeAmount = stakeAmount;
        this.preciseAmount = FtMath.precise(amount);
        this.openTradeValue = ProfitCalculator.openValue(preciseAmount, openRate, feeOpen);
    }

    /**
     * Freqtrade's {@code Order.close_bt_order} for the first entry fill: forget the stop history and
     * re-initialise the stop from the fill price with the last stop percentage.
     */
    public void onFirstEntryFilled(double fillRate, double amount, double stakeAmount) {
        setEntry(fillRate, amount, stakeAmount);
        double pct = Double.isNaN(stopLossPct) ? initialStopLossPct : stopLossPct;
        initialStopLossPct = Double.NaN;
        stopLossTrailing = false;
        if (!Double.isNaN(pct)) {
            adjustStopLoss(fillRate, pct, false);
        }
    }

    /** Profit ratio (fee-inclusive, rounded to 8 decimals) if the trade closed at {@code rate}. */
    public double profitRatio(double rate) {
        return ProfitCalculator.profitRatio(openTradeValue, ProfitCalculator.closeValue(preciseAmount, rate, feeClose));
    }

    /** Absolute profit (quote currency, rounded to 8 decimals) if the trade closed at {@code rate}. */
    public double profitAbs(double rate) {
        return ProfitCalculator.profitAbs(openTradeValue, ProfitCalculator.closeValue(preciseAmount, rate, feeClose));
    }

    /**
     * {@code adjust_stop_loss}: computes {@code price * (1 - |stoploss|)} (rounded up to the price precision);
     * the first call sets the initial stop; later calls only raise it (and mark the trade trailing).
     *
     * @param initial when true, does nothing if a stop is already set
     */
    public void adjustStopLoss(double currentPrice, double stoploss, boolean initial) {
        if (initial && !(Double.isNaN(stopLoss) || stopLoss == 0.0)) {
            return;
        }
        double newLoss = ProfitCalculator.stopPrice(currentPrice, stoploss);
        double norm = FtMath.priceToPrecision(newLoss, pricePrecision, true);
        if (Double.isNaN(initialStopLossPct)) {
            stopLoss = norm;
            stopLossPct = -Math.abs(stoploss);
            initialStopLoss = norm;
            initialStopLossPct = -Math.abs(stoploss);
        } else if (norm > stopLoss) {
            stopLossTrailing = true;
            stopLoss = norm;
            stopLossPct = -Math.abs(stoploss);
        }
    }

    /** {@code adjust_min_max_rates}. */
    public void updateMinMax(double high, double low) {
        maxRate = Math.max(high, Double.isNaN(maxRate) ? openRate : maxRate);
        minRate = Math.min(low, Double.isNaN(minRate) ? openRate : minRate);
    }

    /** Whole minutes from the trade's open date to {@code time} (Freqtrade's {@code trade_dur}). */
    public long durationMinutes(long time) {
        return Math.floorDiv(time - openTime, 60_000L);
    }

    public String pair() {
        return pair;
    }

    public long openTime() {
        return openTime;
    }

    public double openRate() {
        return openRate;
    }

    public double amount() {
        return amount;
    }

    public double stakeAmount() {
        return stakeAmount;
    }

    public double feeOpen() {
        return feeOpen;
    }

    public double feeClose() {
        return feeClose;
    }

    public int pricePrecision() {
        return pricePrecision;
    }

    public double openTradeValue() {
        return openTradeValue;
    }

    /** Current stop price ({@code NaN} before initialisation). */
    public double stopLoss() {
        return stopLoss;
    }

    /** Stop ratio last used to set the stop (negative). */
    public double stopLossPct() {
        return stopLossPct;
    }

    public double initialStopLoss() {
        return initialStopLoss;
    }

    public double initialStopLossPct() {
        return initialStopLossPct;
    }

    /** True once the stop was moved after initialisation. */
    public boolean isStopLossTrailing() {
        return stopLossTrailing;
    }

    public double maxRate() {
        return maxRate;
    }

    public double minRate() {
        return minRate;
    }

    @Override
    public String toString() {
        return "TradePosition[" + pair + " open=" + openRate + " @" + openTime + " amount=" + amount + " stop="
                + stopLoss + (stopLossTrailing ? " (trailing)" : "") + "]";
    }
}
