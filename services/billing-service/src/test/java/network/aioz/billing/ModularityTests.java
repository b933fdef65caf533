package network.aioz.billing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Boundaries the build checks: features without cycles, and no code of another module. */
class ModularityTests {

  private static final JavaClasses SERVICE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
          .importPackages("network.aioz.billing");

  @Test
  void featurePackagesDoNotFormCycles() {
    slices().matching("network.aioz.billing.(*)..").should().beFreeOfCycles().check(SERVICE);
  }

  @Test
  void onlySharedLibIsSharedWithOtherModules() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "network.aioz.edge..",
            "network.aioz.ledger..",
            "network.aioz.storage..",
            "network.aioz.proof..",
            "network.aioz.identity..",
            "network.aioz.webhook..",
            "network.aioz.gateway..")
        .check(SERVICE);
  }
}
