package network.aioz.webhook;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
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
          .importPackages("network.aioz.webhook");

  @Test
  void featurePackagesDoNotFormCycles() {
    slices().matching("network.aioz.webhook.(*)..").should().beFreeOfCycles().check(SERVICE);
  }

  @Test
  void onlySharedLibIsSharedWithOtherModules() {
    noClasses()
        .that()
        .resideInAPackage("network.aioz.webhook..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("network.aioz..")
                .and(resideOutsideOfPackages("network.aioz.webhook..", "network.aioz.shared..")))
        .check(SERVICE);
  }
}
