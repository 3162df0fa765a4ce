package io.tradingsuite.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A message published on one of the {@link Topics}. Encode and decode it with {@link MessageCodec}.
 */
@JsonPropertyOrder({"schema_version"})
public interface ContractMessage {

  /** The id consumers deduplicate on. */
  String messageId();

  /**
   * Written as {@code schema_version} on every message; see {@link MessageCodec#SCHEMA_VERSION}.
   */
  @JsonProperty("schema_version")
  default int schemaVersion() {
    return MessageCodec.SCHEMA_VERSION;
  }
}
