package network.aioz.identity;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Boundaries the build checks: features without cycles, and no code of another service or agent.
 */
class ModularityTests {

  private static final JavaClasses SERVICE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
          .importPackages("network.aioz.identity");

  @Test
  void featurePackagesDoNotFormCycles() {
    slices().matching("network.aioz.identity.(*)..").should().beFreeOfCycles().check(SERVICE);
  }

  @Test
  void onlySharedLibIsSharedWithOtherModules() {
    noClasses()
        .that()
        .resideInAPackage("network.aioz.identity..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("network.aioz..")
                .and(resideOutsideOfPackages("network.aioz.identity..", "network.aioz.shared..")))
        .check(SERVICE);
  }

  @Test
  void tenantsKnowNothingOfCredentials() {
    noClasses()
        .that()
        .resideInAPackage("network.aioz.identity.tenant..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "network.aioz.identity.session..",
            "network.aioz.identity.apikey..",
            "network.aioz.identity.s3key..",
            "network.aioz.identity.siwe..")
        .check(SERVICE);
  }
}
