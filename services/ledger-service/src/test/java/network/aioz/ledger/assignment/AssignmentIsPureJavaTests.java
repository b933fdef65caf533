package network.aioz.ledger.assignment;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Assignment must stay plain Java so it is benchmarked and tested without Spring or a database. */
class AssignmentIsPureJavaTests {

  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("network.aioz.ledger.assignment");

  @Test
  void dependsOnNeitherSpringNorJdbcNorOtherLedgerPackages() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "java.sql..",
            "javax.sql..",
            "jakarta.persistence..",
            "network.aioz.ledger.reputation..",
            "network.aioz.ledger.edge..")
        .check(classes);
  }
}
