package io.tradingsuite.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The trading rules shared by the backtest engine, the paper venue and risk-service use nothing but
 * the JDK, so one implementation runs the same in all three.
 */
class ArchitectureTest {
  @Test
  void tradingCoreUsesOnlyTheJdk() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "io.tradingsuite.core..")
        .because(
            "trading-core is the one implementation of the trading rules; it must stay plain Java")
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.tradingsuite.core"));
  }
}
