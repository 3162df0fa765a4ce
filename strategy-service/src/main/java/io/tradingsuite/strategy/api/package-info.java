/**
 * The Strategy API (plain Java): a strategy declares its settings and hyperoptable parameters and
 * computes indicator and signal columns over whole arrays. Indicators depend only on the parameters
 * a strategy names in {@link io.tradingsuite.strategy.api.Strategy#indicatorParameters()}, so they
 * can be computed once per distinct value of those and reused ({@link
 * io.tradingsuite.strategy.api.IndicatorCache}).
 */
package io.tradingsuite.strategy.api;
