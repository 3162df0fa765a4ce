package io.tradingsuite.support.kafka;

import io.tradingsuite.contracts.RiskEvent;

public class RiskEventDeserializer extends ContractDeserializer<RiskEvent> {
  public RiskEventDeserializer() {
    super(RiskEvent.class);
  }
}
