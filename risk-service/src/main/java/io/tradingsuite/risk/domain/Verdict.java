package io.tradingsuite.risk.domain;

import io.tradingsuite.contracts.Order;
import java.util.List;

/** The engine's answer to one signal, before it is stamped into a RiskDecision. */
public record Verdict(boolean approved, Rule rule, List<String> reasons, Order order) {

  public static Verdict approve(Order order, List<String> reasons) {
    return new Verdict(true, null, reasons, order);
  }

  public static Verdict deny(Rule rule, String... reasons) {
    return new Verdict(false, rule, List.of(reasons), null);
  }
}
