package io.tradingsuite.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The layering rules of the suite as ArchUnit rules (docs/ARCHITECTURE.md): plain-Java cores,
 * services that know each other only through {@code contracts}, and REST resources that go through
 * a service rather than a repository.
 */
public final class ArchitectureRules {
  /** Framework packages a plain-Java core must not import. */
  private static final String[] FRAMEWORKS = {
    "io.quarkus..",
    "jakarta..",
    "javax.ws..",
    "javax.persistence..",
    "javax.inject..",
    "org.apache.kafka..",
    "org.hibernate..",
    "io.smallrye..",
    "org.eclipse.microprofile..",
    "io.vertx..",
    "io.agroal..",
    "io.micrometer..",
    "io.opentelemetry.."
  };

  /** The base package of every deployable (services and the cli), under io.tradingsuite. */
  public static final List<String> DEPLOYABLES =
      List.of("marketdata", "strategy", "risk", "execution", "registry", "notification", "cli");

  private ArchitectureRules() {}

  /** The production classes (no tests, no jars) of the given packages and their subpackages. */
  public static JavaClasses productionClasses(String... packages) {
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
        .importPackages(packages);
  }

  /**
   * Packages given as ArchUnit identifiers ({@code "io.tradingsuite.core.."} for a package and its
   * subpackages, {@code "io.tradingsuite.strategy.hyperopt"} for that package alone) import no
   * framework: they run the same in a backtest, a test and a service.
   */
  public static ArchRule coresArePlainJava(String... corePackages) {
    return noClasses()
        .that()
        .resideInAnyPackage(corePackages)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(FRAMEWORKS)
        .because("a domain core is plain Java; adapters around it do the framework work");
  }

  /** Classes of {@code io.tradingsuite.<own>} use no class of another service or of the cli. */
  public static ArchRule knowsNoOtherDeployable(String own) {
    String[] others =
        DEPLOYABLES.stream()
            .filter(d -> !d.equals(own))
            .map(d -> "io.tradingsuite." + d + "..")
            .toArray(String[]::new);
    return noClasses()
        .that()
        .resideInAPackage("io.tradingsuite." + own + "..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(others)
        .because(
            "services talk over Kafka and REST; shared code lives in contracts or trading-core");
  }

  /**
   * A JAX-RS resource reaches storage only through a service or query class of its feature, never a
   * repository ({@code *Store}, {@code *Repository}) or a JDBC/JPA handle of its own.
   */
  public static ArchRule resourcesUseNoRepository() {
    return noClasses()
        .that()
        .areAnnotatedWith("jakarta.ws.rs.Path")
        .should()
        .dependOnClassesThat()
        .haveSimpleNameEndingWith("Store")
        .orShould()
        .dependOnClassesThat()
        .haveSimpleNameEndingWith("Repository")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("javax.sql.DataSource")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.agroal.api.AgroalDataSource")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("jakarta.persistence.EntityManager")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.sql.Connection")
        .because("a resource is a thin adapter: storage belongs to the feature's service");
  }
}
