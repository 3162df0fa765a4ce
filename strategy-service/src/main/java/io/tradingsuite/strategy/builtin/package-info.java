/**
 * Built-in strategies (indicators from TA-Lib's Java port, {@code com.tictactec.ta.lib.Core}) and
 * the {@link io.tradingsuite.strategy.builtin.StrategyRegistry} that lists them by name.
 */
package io.tradingsuite.strategy.builtin;
