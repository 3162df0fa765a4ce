package io.tradingsuite.strategy.hyperopt;

/**
 * Search settings (validated).
 *
 * @param epochs epochs to evaluate (&gt;= 1)
 * @param jobs threads evaluating epochs; {@code -1} = all cores (Freqtrade's {@code -j -1})
 * @param minTrades epochs with fewer trades get {@link HyperoptLoss#MAX_LOSS}
 * @param batchSize points proposed per sampler call; part of the reproducible identity of a run
 *     (the epochs depend on it), deliberately independent of {@code jobs}
 */
public record HyperoptSettings(
    int epochs,
    int jobs,
    int minTrades,
    HyperoptLoss loss,
    Sampler.Kind sampler,
    long randomState,
    int batchSize) {

  /**
   * Points per sampler call unless configured: small enough for TPE to learn, large enough to keep
   * cores busy.
   */
  public static final int DEFAULT_BATCH_SIZE = 8;

  public static final int MAX_EPOCHS = 1_000_000;

  public HyperoptSettings {
    if (epochs < 1 || epochs > MAX_EPOCHS) {
      throw new HyperoptInputException(
          "epochs", "must be between 1 and " + MAX_EPOCHS + ": " + epochs);
    }
    if (jobs == 0 || jobs < -1) {
      throw new HyperoptInputException(
          "jobs", "must be -1 (all cores) or a positive number: " + jobs);
    }
    if (minTrades < 0) {
      throw new HyperoptInputException("min_trades", "must be >= 0: " + minTrades);
    }
    if (batchSize < 1) {
      throw new HyperoptInputException("batch_size", "must be >= 1: " + batchSize);
    }
    if (loss == null) {
      throw new HyperoptInputException("loss", "required");
    }
    if (sampler == null) {
      sampler = Sampler.Kind.TPE;
    }
  }

  public int effectiveJobs() {
    return jobs == -1 ? Runtime.getRuntime().availableProcessors() : jobs;
  }
}
