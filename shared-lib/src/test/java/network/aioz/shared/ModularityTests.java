package network.aioz.shared;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * shared-lib is what services depend on, so it depends on no service and its packages form no
 * cycles.
 */
class ModularityTests {

  private final JavaClasses shared =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("network.aioz.shared");

  @Test
  void dependsOnNoService() {
    noClasses()
        .that()
        .resideInAPackage("network.aioz.shared..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("network.aioz..").and(not(resideInAPackage("network.aioz.shared.."))))
        .check(shared);
  }

  @Test
  void packagesFormNoCycles() {
    slices().matching("network.aioz.shared.(*)..").should().beFreeOfCycles().check(shared);
  }
}
