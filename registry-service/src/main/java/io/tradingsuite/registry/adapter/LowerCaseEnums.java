package io.tradingsuite.registry.adapter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** REST JSON writes {@code kind} as the topics do: {@code backtest}, {@code hyperopt}. */
@Singleton
public class LowerCaseEnums implements ObjectMapperCustomizer {
  @Override
  public void customize(ObjectMapper mapper) {
    mapper.configure(EnumFeature.WRITE_ENUMS_TO_LOWERCASE, true);
  }
}
