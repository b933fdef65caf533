package network.aioz.chain;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Boundaries the build checks: features without cycles, the transaction machinery knowing no
 * feature, and no code of another module.
 */
class ModularityTests {

  private static final JavaClasses SERVICE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
          .importPackages("network.aioz.chain");

  @Test
  void featurePackagesDoNotFormCycles() {
    slices().matching("network.aioz.chain.(*)..").should().beFreeOfCycles().check(SERVICE);
  }

  @Test
  void transactionsAndTheNodeKnowNoFeature() {
    noClasses()
        .that()
        .resideInAnyPackage("network.aioz.chain.tx..", "network.aioz.chain.node..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "network.aioz.chain.settlement..",
            "network.aioz.chain.deposit..",
            "network.aioz.chain.reconcile..",
            "network.aioz.chain.verify..")
        .check(SERVICE);
  }

  @Test
  void onlySharedLibIsSharedWithOtherModules() {
    noClasses()
        .that()
        .resideInAPackage("network.aioz.chain..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("network.aioz..")
                .and(resideOutsideOfPackages("network.aioz.chain..", "network.aioz.shared..")))
        .check(SERVICE);
  }
}
