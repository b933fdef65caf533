package network.aioz.billing;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** billing-service's boundaries: no package cycles, no other service's code, pure economics. */
class ModularityTests {

  private final JavaClasses billing =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
          .importPackages("network.aioz.billing");

  @Test
  void featurePackagesFormNoCycles() {
    slices().matching("network.aioz.billing.(*)..").should().beFreeOfCycles().check(billing);
  }

  @Test
  void dependsOnNoOtherServiceOnlyOnSharedLib() {
    noClasses()
        .that()
        .resideInAPackage("network.aioz.billing..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("network.aioz..")
                .and(not(resideInAnyPackage("network.aioz.billing..", "network.aioz.shared.."))))
        .check(billing);
  }

  /** The formulas stay plain Java: tested and benchmarked without Spring, a database or Kafka. */
  @Test
  void economicsIsPlainJavaOfItsOwn() {
    noClasses()
        .that()
        .resideInAPackage("network.aioz.billing.economics..")
        .should()
        .dependOnClassesThat(
            resideInAnyPackage(
                    "org.springframework..", "java.sql..", "javax.sql..", "org.apache.kafka..")
                .or(
                    resideInAPackage("network.aioz.billing..")
                        .and(not(resideInAPackage("network.aioz.billing.economics..")))))
        .check(billing);
  }
}
