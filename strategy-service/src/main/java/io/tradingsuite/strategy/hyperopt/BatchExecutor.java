package io.tradingsuite.strategy.hyperopt;

import java.util.List;
import java.util.Map;

/**
 * Scores a batch of points and returns the results in the points' order. The local implementation
 * uses a thread pool; a distributed one may send points to other instances - order and results must
 * not depend on where a point ran.
 */
public interface BatchExecutor extends AutoCloseable {

  List<EpochScorer.Scored> scoreAll(List<Map<String, Object>> points);

  @Override
  default void close() {}
}
