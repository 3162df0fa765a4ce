package io.tradingsuite.marketdata.candles;

/** A refused input row: its 1-based number in the file and why. */
public record BadRow(int row, String reason) {}
