package network.aioz.proof;

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
          .importPackages("network.aioz.proof");

  @Test
  void featurePackagesDoNotFormCycles() {
    slices().matching("network.aioz.proof.(*)..").should().beFreeOfCycles().check(SERVICE);
  }

  @Test
  void onlySharedLibIsSharedWithOtherModules() {
    noClasses()
        .that()
        .resideInAPackage("network.aioz.proof..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("network.aioz..")
                .and(resideOutsideOfPackages("network.aioz.proof..", "network.aioz.shared..")))
        .check(SERVICE);
  }
}
