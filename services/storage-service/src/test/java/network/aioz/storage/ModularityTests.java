package network.aioz.storage;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The storage service's boundaries, checked by the build: no package cycles, no other service's
 * code (only shared-lib and erasure-code), and the data path knows nothing of the S3 wire format.
 */
class ModularityTests {

  private final JavaClasses storage =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("network.aioz.storage");

  @Test
  void featurePackagesFormNoCycles() {
    slices().matching("network.aioz.storage.(*)..").should().beFreeOfCycles().check(storage);
  }

  @Test
  void dependsOnNoOtherServiceOnlyOnSharedLibAndTheCodec() {
    noClasses()
        .that()
        .resideInAPackage("network.aioz.storage..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("network.aioz..")
                .and(
                    not(
                        resideInAnyPackage(
                            "network.aioz.storage..",
                            "network.aioz.shared..",
                            "network.aioz.erasure.."))))
        .check(storage);
  }

  @Test
  void theDataPathAndTheDomainKnowNothingOfTheWireProtocol() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "network.aioz.storage.data..",
            "network.aioz.storage.object..",
            "network.aioz.storage.bucket..",
            "network.aioz.storage.repair..",
            "network.aioz.storage.usage..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("network.aioz.storage.s3..")
        .check(storage);
  }
}
