package io.tradingsuite.risk.api;

/** A request a guardrail refused: answered 409 problem+json with the {@code rule} member. */
public class RuleRefusedException extends RuntimeException {
  private final String rule;

  public RuleRefusedException(String rule, String detail) {
    super(detail);
    this.rule = rule;
  }

  public String rule() {
    return rule;
  }
}
