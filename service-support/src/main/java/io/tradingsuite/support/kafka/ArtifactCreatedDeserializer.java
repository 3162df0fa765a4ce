package io.tradingsuite.support.kafka;

import io.tradingsuite.contracts.ArtifactCreated;

public class ArtifactCreatedDeserializer extends ContractDeserializer<ArtifactCreated> {
  public ArtifactCreatedDeserializer() {
    super(ArtifactCreated.class);
  }
}
