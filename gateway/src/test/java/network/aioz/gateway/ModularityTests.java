package network.aioz.gateway;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ModularityTests {

  private static final JavaClasses GATEWAY =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("network.aioz.gateway");

  @Test
  void featurePackagesHaveNoCycles() {
    slices().matching("network.aioz.gateway.(*)..").should().beFreeOfCycles().check(GATEWAY);
  }

  @Test
  void dependsOnNoOtherPartOfThePlatformButSharedLib() {
    noClasses()
        .that()
        .resideInAPackage("network.aioz.gateway..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("network.aioz..")
                .and(resideOutsideOfPackages("network.aioz.gateway..", "network.aioz.shared..")))
        .check(GATEWAY);
  }
}
