package io.tradingsuite.strategy.api;

/** Hyperopt space of a parameter (Freqtrade's {@code space="buy"|"sell"}). */
public enum ParameterSpace {
  BUY("buy"),
  SELL("sell");

  private final String wireName;

  ParameterSpace(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static ParameterSpace fromWireName(String s) {
    for (ParameterSpace p : values()) {
      if (p.wireName.equalsIgnoreCase(s)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown parameter space: " + s);
  }
}
