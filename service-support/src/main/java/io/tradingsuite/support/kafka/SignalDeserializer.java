package io.tradingsuite.support.kafka;

import io.tradingsuite.contracts.Signal;

public class SignalDeserializer extends ContractDeserializer<Signal> {
  public SignalDeserializer() {
    super(Signal.class);
  }
}
