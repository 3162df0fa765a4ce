package io.tradingsuite.support.kafka;

import io.tradingsuite.contracts.ContractMessage;
import io.tradingsuite.contracts.MessageCodec;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decodes and validates one message type. A record that fails either is refused here, before any
 * business code sees it, and the channel's dead-letter strategy moves it to {@code <topic>.dlq}.
 */
public abstract class ContractDeserializer<T extends ContractMessage> implements Deserializer<T> {
  private final Class<T> type;

  protected ContractDeserializer(Class<T> type) {
    this.type = type;
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    return MessageCodec.instance().decode(data, type);
  }
}
