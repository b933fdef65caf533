package network.aioz.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReedSolomonFallbackIntegrationTests {

  /** A service launched without --add-modules must still store and read, only slower. */
  @Test
  void withoutTheVectorModuleCreateFallsBackToScalarAndSaysWhy() throws Exception {
    Process jvm =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                FallbackProbe.class.getName())
            .redirectErrorStream(true)
            .start();
    String output = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).isTrue();

    assertThat(jvm.exitValue()).as(output).isZero();
    assertThat(output)
        .contains("scalar")
        .contains("jdk.incubator.vector is not in the boot layer")
        .contains("rebuilt=true");
  }
}
