package io.tradingsuite.registry.artifact;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Typed views of Freqtrade's result files (see freqtrade-formats.md §2–3): only the fields the
 * registry keeps; everything else in a file is ignored. Bean Validation annotations say what a file
 * must contain to be indexed; a violation names the field and the file is skipped whole.
 */
public final class FreqtradeFiles {
  private FreqtradeFiles() {}

  /** {@code backtest-result-<ts>.json} (or the same JSON inside the 2024.12+ ZIP). */
  public record BacktestResultFile(
      @NotEmpty Map<@NotBlank String, @NotNull @Valid StrategyStats> strategy,
      List<@NotNull @Valid ComparisonRow> strategyComparison) {}

  /**
   * The per-strategy stats object. {@code max_drawdown} is the pre-2022 name of {@code
   * max_drawdown_account}.
   */
  public record StrategyStats(
      @NotNull List<@NotNull @Valid Trade> trades,
      List<@NotNull @Valid PairRow> resultsPerPair,
      @NotNull BigDecimal profitTotal,
      BigDecimal profitTotalAbs,
      @PositiveOrZero Integer totalTrades,
      @PositiveOrZero @JsonAlias("max_drawdown") BigDecimal maxDrawdownAccount,
      @PositiveOrZero BigDecimal maxDrawdownAbs,
      BigDecimal sharpe,
      BigDecimal sortino,
      BigDecimal calmar,
      @PositiveOrZero Integer wins,
      @PositiveOrZero Integer losses,
      @PositiveOrZero Integer draws,
      @PositiveOrZero BigDecimal startingBalance,
      @PositiveOrZero BigDecimal finalBalance,
      String stakeCurrency,
      String timeframe,
      /** epoch milliseconds */
      Long backtestStartTs,
      Long backtestEndTs,
      /** epoch seconds: when the backtest ran */
      Long backtestRunStartTs,
      String strategyName) {}

  /** One trade dict; {@code sell_reason} is the pre-2022 name of {@code exit_reason}. */
  public record Trade(
      @NotBlank String pair,
      @NotNull Instant openDate,
      @NotNull Instant closeDate,
      @NotNull @Positive BigDecimal openRate,
      @NotNull @Positive BigDecimal closeRate,
      @NotNull @Positive BigDecimal amount,
      @NotNull @PositiveOrZero BigDecimal stakeAmount,
      @NotNull BigDecimal profitRatio,
      @NotNull BigDecimal profitAbs,
      @JsonAlias("sell_reason") String exitReason) {}

  /** A row of {@code results_per_pair} (last row key {@code TOTAL}). */
  public record PairRow(
      @NotBlank String key,
      @PositiveOrZero Integer trades,
      BigDecimal profitMean,
      BigDecimal profitTotal,
      BigDecimal profitTotalAbs,
      @PositiveOrZero Integer wins,
      @PositiveOrZero Integer draws,
      @PositiveOrZero Integer losses) {}

  public record ComparisonRow(
      @NotBlank String key,
      @PositiveOrZero Integer trades,
      BigDecimal profitTotal,
      BigDecimal profitTotalAbs,
      BigDecimal maxDrawdownAccount) {}

  /** One entry of {@code <file>.meta.json}, keyed by strategy name. */
  public record MetaEntry(
      String runId,
      Long backtestStartTime,
      String timeframe,
      Long backtestStartTs,
      Long backtestEndTs) {}

  /** One line of a {@code .fthypt} file: an evaluated epoch. */
  public record HyperoptEpoch(
      @NotNull BigDecimal loss,
      Map<String, Object> paramsDict,
      JsonNode paramsDetails,
      @NotNull @Valid EpochMetrics resultsMetrics,
      @NotNull @PositiveOrZero Integer currentEpoch,
      Boolean isBest,
      BigDecimal totalProfit,
      String resultsExplanation) {}

  /** The key metrics of an epoch's {@code results_metrics} (its trades are not kept). */
  public record EpochMetrics(
      @PositiveOrZero Integer totalTrades,
      BigDecimal profitTotal,
      BigDecimal profitTotalAbs,
      @PositiveOrZero @JsonAlias("max_drawdown") BigDecimal maxDrawdownAccount,
      BigDecimal sharpe,
      @PositiveOrZero Integer wins,
      @PositiveOrZero Integer losses,
      @PositiveOrZero Integer draws,
      String strategyName,
      String timeframe,
      @PositiveOrZero BigDecimal startingBalance,
      String stakeCurrency) {}
}
