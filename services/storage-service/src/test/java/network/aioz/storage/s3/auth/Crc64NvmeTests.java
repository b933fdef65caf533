package network.aioz.storage.s3.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** CRC-64/NVME against its catalogue check value and a bit-at-a-time reference. */
class Crc64NvmeTests {

  /** The textbook definition: reflected, one bit at a time, init and xorout all ones. */
  static long bitwise(byte[] data) {
    long crc = ~0L;
    for (byte b : data) {
      crc ^= b & 0xff;
      for (int k = 0; k < 8; k++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x9A6C9329AC4BC9B5L : crc >>> 1;
      }
    }
    return ~crc;
  }

  @Test
  void checkValueOfTheCatalogue() {
    Crc64Nvme crc = new Crc64Nvme();
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
    crc.update(check, 0, check.length);
    assertThat(crc.getValue()).isEqualTo(0xAE8B14860A799888L);
    assertThat(bitwise(check)).isEqualTo(0xAE8B14860A799888L);
  }

  @Test
  void emptyInputAndReset() {
    Crc64Nvme crc = new Crc64Nvme();
    assertThat(crc.getValue()).isZero();
    crc.update(7);
    crc.reset();
    assertThat(crc.getValue()).isZero();
  }

  @Test
  void checksumHeaderValuesAreBigEndianBase64() {
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
    var crc64 = ChecksumAlgorithm.CRC64NVME.newCalculator();
    crc64.update(check, 0, check.length);
    assertThat(Base64.getEncoder().encodeToString(crc64.finish())).isEqualTo("rosUhgp5mIg=");
    var crc32c = ChecksumAlgorithm.CRC32C.newCalculator();
    crc32c.update(check, 0, check.length);
    assertThat(crc32c.finish()).containsExactly(0xE3, 0x06, 0x92, 0x83);
  }

  @Test
  void slicingMatchesBytewiseOnAMegabyteFedInOddPieces() {
    byte[] data = new byte[1 << 20];
    new Random(42).nextBytes(data);
    Crc64Nvme crc = new Crc64Nvme();
    int off = 0;
    Random pieces = new Random(7);
    while (off < data.length) {
      int n = Math.min(data.length - off, pieces.nextInt(40));
      crc.update(data, off, n);
      off += n;
    }
    assertThat(crc.getValue()).isEqualTo(bitwise(data));
  }

  @Property(tries = 200)
  void anySplitGivesTheReferenceValue(
      @ForAll @Size(max = 300) byte[] data, @ForAll @IntRange(min = 0, max = 300) int split) {
    int at = Math.min(split, data.length);
    Crc64Nvme crc = new Crc64Nvme();
    crc.update(data, 0, at);
    crc.update(data, at, data.length - at);
    assertThat(crc.getValue()).isEqualTo(bitwise(data));
  }
}
