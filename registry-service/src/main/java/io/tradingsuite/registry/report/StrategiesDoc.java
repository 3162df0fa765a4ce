package io.tradingsuite.registry.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingsuite.contracts.ArtifactKind;
import io.tradingsuite.registry.artifact.RunRecord;
import io.tradingsuite.registry.store.RegistryStore;
import io.tradingsuite.registry.store.RegistryStore.BestEpoch;
import io.tradingsuite.registry.store.RegistryStore.RunFilter;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code docs/STRATEGIES.md} ({@code strategy_cli.py docs} of the old bot): every strategy that
 * strategy-service knows or the registry has runs of, with what strategy-service says about it and
 * its best backtest and best hyperopt epoch.
 */
public final class StrategiesDoc {
  private StrategiesDoc() {}

  /**
   * Writes the page as Markdown.
   *
   * @param described strategy-service's {@code GET /api/v1/strategies} answer (an array, or an
   *     object with a {@code strategies} array), or null when it could not be reached
   */
  public static String markdown(
      JsonNode described, String unreachableReason, RegistryStore store, Instant now) {
    Map<String, JsonNode> strategies = new TreeMap<>();
    JsonNode list =
        described == null ? null : described.isArray() ? described : described.path("strategies");
    if (list != null && list.isArray()) {
      for (JsonNode s : list) {
        String name = s.isTextual() ? s.asText() : s.path("name").asText(null);
        if (name != null) {
          strategies.put(name, s.isObject() ? s : null);
        }
      }
    }
    for (String name : store.strategies()) {
      strategies.putIfAbsent(name, null);
    }
    StringBuilder s = new StringBuilder("# Strategies\n\n");
    s.append("Generated ")
        .append(now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
        .append(" by `./suite docs` from strategy-service and the registry");
    if (described == null) {
      s.append(" (strategy-service was not reachable: ")
          .append(unreachableReason)
          .append("; only strategies with indexed runs are listed)");
    }
    s.append(". Money and ratios have 8 decimals.\n\n");
    if (strategies.isEmpty()) {
      s.append("No strategies known yet.\n");
    }
    for (var e : strategies.entrySet()) {
      String name = e.getKey();
      s.append("## ").append(name).append("\n\n");
      JsonNode info = e.getValue();
      if (info != null) {
        for (Iterator<Map.Entry<String, JsonNode>> it = info.fields(); it.hasNext(); ) {
          var f = it.next();
          if (f.getKey().equals("name")) {
            continue;
          }
          JsonNode v = f.getValue();
          s.append("- **")
              .append(f.getKey())
              .append("**: ")
              .append(v.isValueNode() ? v.asText() : "`" + v.toString() + "`")
              .append('\n');
        }
        s.append('\n');
      }
      List<RunRecord> best =
          store.runs(new RunFilter(ArtifactKind.BACKTEST, name, null, "profit_total", 1));
      if (best.isEmpty()) {
        s.append("No backtest indexed.\n\n");
      } else {
        RunRecord r = best.get(0);
        s.append("Best backtest: `")
            .append(r.id())
            .append("` (")
            .append(r.createdAt())
            .append(", ")
            .append(r.artifactPath())
            .append(")\n\n")
            .append(
                "| trades | profit_total | profit_total_abs | max_drawdown_account | sharpe |\n")
            .append("|---:|---:|---:|---:|---:|\n| ")
            .append(Formats.integer(r.totalTrades()))
            .append(" | ")
            .append(Formats.money(r.profitTotal()))
            .append(" | ")
            .append(Formats.money(r.profitTotalAbs()))
            .append(" | ")
            .append(Formats.money(r.maxDrawdownAccount()))
            .append(" | ")
            .append(Formats.money(r.sharpe()))
            .append(" |\n\n");
      }
      Optional<BestEpoch> epoch = store.bestEpoch(name);
      if (epoch.isPresent()) {
        var b = epoch.get();
        s.append("Best hyperopt epoch: ")
            .append(b.epoch().epoch())
            .append(" of run `")
            .append(b.runId())
            .append("`, loss ")
            .append(Formats.money(b.epoch().loss()))
            .append(", profit_total ")
            .append(Formats.money(b.epoch().profitTotal()))
            .append("; parameters `")
            .append(b.epoch().params() == null ? "{}" : b.epoch().params())
            .append("`\n\n");
      }
    }
    return s.toString();
  }
}
