package io.tradingsuite.contracts;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The messages are plain Java and Jackson: every service and the cli can depend on them. */
class ArchitectureTest {
  @Test
  void contractsUseOnlyTheJdkAndJackson() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "io.tradingsuite.contracts..", "com.fasterxml.jackson..")
        .because("contracts are shared by every service; no framework may leak through them")
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.tradingsuite.contracts"));
  }
}
