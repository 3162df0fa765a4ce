package io.tradingsuite.support.kafka;

import io.tradingsuite.contracts.Fill;

public class FillDeserializer extends ContractDeserializer<Fill> {
  public FillDeserializer() {
    super(Fill.class);
  }
}
