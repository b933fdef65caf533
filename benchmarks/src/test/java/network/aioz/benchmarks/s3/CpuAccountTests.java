package network.aioz.benchmarks.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class CpuAccountTests {

  @Test
  void countsTheCpuTheDriverItselfSpends() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
    CpuAccount account = CpuAccount.start();
    long start = System.nanoTime();
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    byte[] block = new byte[1 << 16];
    while (System.nanoTime() - start < 300_000_000L) {
      sha.update(block);
    }

    assertThat(account.secondsByPart()).containsKey("driver");
    assertThat(account.secondsByPart().get("driver")).isGreaterThan(0.05);
    assertThat(account.summary(0.3)).startsWith("  cpu s: ").contains("driver");
  }
}
