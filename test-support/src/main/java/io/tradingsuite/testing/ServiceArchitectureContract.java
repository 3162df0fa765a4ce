package io.tradingsuite.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The architecture rules every service proves: extend it with the service's base package (under
 * io.tradingsuite) and its plain-Java core packages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServiceArchitectureContract {
  private JavaClasses classes;

  /** e.g. {@code "risk"} for io.tradingsuite.risk. */
  protected abstract String service();

  /**
   * ArchUnit package identifiers of the plain-Java cores, e.g. {@code
   * "io.tradingsuite.risk.domain.."}.
   */
  protected abstract String[] corePackages();

  @BeforeAll
  void importClasses() {
    classes = ArchitectureRules.productionClasses("io.tradingsuite." + service());
  }

  @Test
  void coresArePlainJava() {
    Assumptions.assumeTrue(corePackages().length > 0, "this module has no plain-Java core");
    ArchitectureRules.coresArePlainJava(corePackages()).check(classes);
  }

  @Test
  void knowsNoOtherService() {
    ArchitectureRules.knowsNoOtherDeployable(service()).check(classes);
  }

  @Test
  void resourcesUseNoRepository() {
    ArchitectureRules.resourcesUseNoRepository().allowEmptyShould(true).check(classes);
  }
}
