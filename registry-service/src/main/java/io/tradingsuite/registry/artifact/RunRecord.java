package io.tradingsuite.registry.artifact;

import io.tradingsuite.contracts.ArtifactKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One indexed run: a strategy's backtest result, or a whole hyperopt (its key metrics are those of
 * its best epoch). Decimals are kept exactly as the file wrote them; rounding happens in reports.
 */
public record RunRecord(
    String id,
    ArtifactKind kind,
    String strategy,
    Instant createdAt,
    String timeframe,
    Instant backtestStart,
    Instant backtestEnd,
    Integer totalTrades,
    Integer wins,
    Integer losses,
    Integer draws,
    BigDecimal profitTotal,
    BigDecimal profitTotalAbs,
    BigDecimal maxDrawdownAccount,
    BigDecimal maxDrawdownAbs,
    BigDecimal sharpe,
    BigDecimal sortino,
    BigDecimal calmar,
    BigDecimal startingBalance,
    BigDecimal finalBalance,
    String stakeCurrency,
    Integer epochs,
    Integer bestEpoch,
    BigDecimal bestLoss,
    String artifactSha256,
    String artifactPath,
    List<TradeRecord> trades,
    List<PairRecord> pairs,
    List<EpochRecord> epochList) {

  public RunRecord {
    trades = trades == null ? List.of() : List.copyOf(trades);
    pairs = pairs == null ? List.of() : List.copyOf(pairs);
    epochList = epochList == null ? List.of() : List.copyOf(epochList);
  }

  /** The same run without its detail rows (for listings). */
  public RunRecord summary() {
    return new RunRecord(
        id,
        kind,
        strategy,
        createdAt,
        timeframe,
        backtestStart,
        backtestEnd,
        totalTrades,
        wins,
        losses,
        draws,
        profitTotal,
        profitTotalAbs,
        maxDrawdownAccount,
        maxDrawdownAbs,
        sharpe,
        sortino,
        calmar,
        startingBalance,
        finalBalance,
        stakeCurrency,
        epochs,
        bestEpoch,
        bestLoss,
        artifactSha256,
        artifactPath,
        List.of(),
        List.of(),
        List.of());
  }

  public record TradeRecord(
      int seq,
      String pair,
      Instant openDate,
      Instant closeDate,
      BigDecimal openRate,
      BigDecimal closeRate,
      BigDecimal amount,
      BigDecimal stakeAmount,
      BigDecimal profitRatio,
      BigDecimal profitAbs,
      String exitReason) {}

  public record PairRecord(
      String pair,
      Integer trades,
      BigDecimal profitMean,
      BigDecimal profitTotal,
      BigDecimal profitTotalAbs,
      Integer wins,
      Integer draws,
      Integer losses) {}

  /** One hyperopt epoch; {@code params} is the epoch's {@code params_dict} as JSON text. */
  public record EpochRecord(
      int epoch,
      BigDecimal loss,
      boolean best,
      Integer totalTrades,
      BigDecimal profitTotal,
      BigDecimal profitTotalAbs,
      BigDecimal maxDrawdownAccount,
      BigDecimal sharpe,
      String params) {}
}
