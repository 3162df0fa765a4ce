package io.tradingsuite.support.kafka;

import io.tradingsuite.contracts.Candle;

public class CandleDeserializer extends ContractDeserializer<Candle> {
  public CandleDeserializer() {
    super(Candle.class);
  }
}
