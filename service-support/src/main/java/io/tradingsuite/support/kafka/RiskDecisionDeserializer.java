package io.tradingsuite.support.kafka;

import io.tradingsuite.contracts.RiskDecision;

public class RiskDecisionDeserializer extends ContractDeserializer<RiskDecision> {
  public RiskDecisionDeserializer() {
    super(RiskDecision.class);
  }
}
