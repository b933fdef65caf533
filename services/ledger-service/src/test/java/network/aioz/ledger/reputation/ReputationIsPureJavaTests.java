package network.aioz.ledger.reputation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Reputation must stay plain Java so it is tested without Spring or a database. */
class ReputationIsPureJavaTests {

  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("network.aioz.ledger.reputation");

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
            "network.aioz.ledger.assignment..",
            "network.aioz.ledger.edge..")
        .check(classes);
  }
}
