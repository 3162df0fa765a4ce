package io.tradingsuite.core.protections;

/**
 * A protection's request to lock until {@code until} (epoch ms, before candle rounding).
 *
 * @param lockSide {@code *} or the trade side when the protection works per side
 */
public record ProtectionReturn(long until, String reason, String lockSide) {}
