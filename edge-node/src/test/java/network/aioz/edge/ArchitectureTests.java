package network.aioz.edge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Boundaries the build checks: features without cycles, and an agent free of server frameworks. */
class ArchitectureTests {

  private static final JavaClasses AGENT =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
          .importPackages("network.aioz.edge");

  @Test
  void featurePackagesDoNotFormCycles() {
    slices().matching("network.aioz.edge.(*)..").should().beFreeOfCycles().check(AGENT);
  }

  @Test
  void theAgentUsesNoSpringKafkaOrJdbc() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "org.apache.kafka..", "java.sql..")
        .check(AGENT);
  }

  @Test
  void onlyTheLedgerClientTalksToTheLedgerAndSigns() {
    noClasses()
        .that()
        .resideOutsideOfPackages("network.aioz.edge.ledger..", "network.aioz.edge")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("network.aioz.shared.edge..", "java.net.http..")
        .check(AGENT);
  }
}
