package io.tradingsuite.support.metrics;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every meter of every service carries {@code service=<quarkus.application.name>}, so one
 * Prometheus query (and the Grafana dashboard) tells the services apart without relabelling.
 * Quarkus applies every {@link MeterFilter} bean to every registry, its own binders (HTTP, JVM,
 * Kafka clients) included.
 */
@ApplicationScoped
public class ServiceTagMeterFilter {

  /** The tag's key. */
  public static final String SERVICE = "service";

  @ConfigProperty(name = "quarkus.application.name")
  String service;

  @Produces
  @Singleton
  MeterFilter serviceTag() {
    return MeterFilter.commonTags(List.of(Tag.of(SERVICE, service)));
  }
}
