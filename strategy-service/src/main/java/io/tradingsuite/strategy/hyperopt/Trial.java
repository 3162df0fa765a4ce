package io.tradingsuite.strategy.hyperopt;

import java.util.Map;

/** A completed epoch as a sampler sees it: the point and its loss. */
public record Trial(Map<String, Object> params, double loss) {}
