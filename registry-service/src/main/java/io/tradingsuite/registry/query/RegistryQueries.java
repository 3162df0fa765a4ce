package io.tradingsuite.registry.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingsuite.contracts.ArtifactKind;
import io.tradingsuite.registry.artifact.RunRecord;
import io.tradingsuite.registry.report.ResultsReport;
import io.tradingsuite.registry.report.StrategiesDoc;
import io.tradingsuite.registry.store.RegistryStore;
import io.tradingsuite.registry.store.RegistryStore.BestEpoch;
import io.tradingsuite.registry.store.RegistryStore.Problem;
import io.tradingsuite.registry.store.RegistryStore.RunFilter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the REST API reads from the registry: runs, the best epoch per strategy, indexing problems,
 * reports, and standalone copies of the database. One place between the resources and the store.
 */
public final class RegistryQueries {
  private final RegistryStore store;

  public RegistryQueries(RegistryStore store) {
    this.store = store;
  }

  /** The {@code order_by} values {@link #runs} accepts. */
  public List<String> orders() {
    return RegistryStore.ORDERS;
  }

  public List<RunRecord> runs(RunFilter filter) {
    return store.runs(filter);
  }

  public Optional<RunRecord> run(String id) {
    return store.run(id);
  }

  public Optional<BestEpoch> bestEpoch(String strategy) {
    return store.bestEpoch(strategy);
  }

  public List<Problem> problems() {
    return store.problems();
  }

  public ResultsReport results(
      ArtifactKind kind, String strategy, Instant since, int limit, Instant now) {
    return ResultsReport.build(store, kind, strategy, since, limit, now);
  }

  /** docs/STRATEGIES.md from what strategy-service described (null when unreachable, with why). */
  public String strategiesDoc(JsonNode described, String unreachableReason, Instant now) {
    return StrategiesDoc.markdown(described, unreachableReason, store, now);
  }

  /** A consistent standalone copy of the registry database at {@code target}. */
  public void exportTo(Path target) {
    store.snapshotTo(target);
  }
}
