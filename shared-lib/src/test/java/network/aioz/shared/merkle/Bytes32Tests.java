package network.aioz.shared.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** UUIDs in a bytes32: right-aligned behind 16 zero bytes, and back. */
class Bytes32Tests {

  @Test
  void aUuidIsRightAlignedBehindSixteenZeroBytesAndComesBack() {
    UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    Bytes32 value = Bytes32.ofUuid(id);
    assertThat(value.toHex())
        .isEqualTo("0x00000000000000000000000000000000123e4567e89b12d3a456426614174000");
    assertThat(value.toUuid()).contains(id);
  }

  @Test
  void aValueWithAnythingInItsFirstSixteenBytesIsNoUuid() {
    byte[] bytes = Bytes32.ofUuid(UUID.randomUUID()).toArray();
    bytes[15] = 1;
    assertThat(Bytes32.of(bytes).toUuid()).isEmpty();
  }
}
