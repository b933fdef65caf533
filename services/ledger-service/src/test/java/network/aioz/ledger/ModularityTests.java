package network.aioz.ledger;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ledger's boundaries, checked by the build: no package cycles, no other service's code. */
class ModularityTests {

  private final JavaClasses ledger =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("network.aioz.ledger");

  @Test
  void featurePackagesFormNoCycles() {
    slices().matching("network.aioz.ledger.(*)..").should().beFreeOfCycles().check(ledger);
  }

  @Test
  void dependsOnNoOtherServiceOnlyOnSharedLib() {
    noClasses()
        .that()
        .resideInAPackage("network.aioz.ledger..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("network.aioz..")
                .and(not(resideInAnyPackage("network.aioz.ledger..", "network.aioz.shared.."))))
        .check(ledger);
  }

  /**
   * Assignment and reputation stay plain Java so they are benchmarked and tested without Spring or
   * a database.
   */
  @Test
  void assignmentAndReputationArePlainJavaOfTheirOwn() {
    for (String feature : List.of("assignment", "reputation")) {
      String own = "network.aioz.ledger." + feature + "..";
      noClasses()
          .that()
          .resideInAPackage(own)
          .should()
          .dependOnClassesThat(
              resideInAnyPackage(
                      "org.springframework..", "java.sql..", "javax.sql..", "jakarta.persistence..")
                  .or(resideInAPackage("network.aioz.ledger..").and(not(resideInAPackage(own)))))
          .check(ledger);
    }
  }
}
