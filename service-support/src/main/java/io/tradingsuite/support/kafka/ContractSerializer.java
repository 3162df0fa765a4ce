package io.tradingsuite.support.kafka;

import io.tradingsuite.contracts.ContractMessage;
import io.tradingsuite.contracts.MessageCodec;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes contract messages with the one shared codec. Also used for dead-letter queues, where the
 * value is either the message that failed in processing or the raw bytes that could not be decoded.
 */
public class ContractSerializer implements Serializer<Object> {
  @Override
  public byte[] serialize(String topic, Object data) {
    if (data == null) {
      return null;
    }
    if (data instanceof ContractMessage m) {
      return MessageCodec.instance().encode(m);
    }
    if (data instanceof byte[] bytes) {
      return bytes;
    }
    if (data instanceof String s) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    try {
      return MessageCodec.instance().mapper().writeValueAsBytes(data);
    } catch (Exception e) {
      throw new IllegalArgumentException("cannot serialize " + data.getClass().getName(), e);
    }
  }
}
