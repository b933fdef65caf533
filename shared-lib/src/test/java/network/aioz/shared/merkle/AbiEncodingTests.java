package network.aioz.shared.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class AbiEncodingTests {

  @Test
  void encodesOneRightAlignedWordPerValue() {
    byte[] encoded =
        AbiEncoding.of("uint256", "int8", "address", "bytes2", "bool")
            .encode(List.of(1L, -1, "0x" + "11".repeat(20), "0xabcd", true));

    assertThat(Hex.encode(encoded))
        .isEqualTo(
            "0x"
                + "00".repeat(31)
                + "01"
                + "ff".repeat(32)
                + "00".repeat(12)
                + "11".repeat(20)
                + "abcd"
                + "00".repeat(30)
                + "00".repeat(31)
                + "01");
  }

  @Test
  void refusesValuesOutsideTheirType() {
    AbiEncoding uint8 = AbiEncoding.of("uint8");
    assertThatThrownBy(() -> uint8.encode(List.of(256))).hasMessageContaining("out of range");
    assertThatThrownBy(() -> uint8.encode(List.of(-1))).hasMessageContaining("out of range");
    assertThatThrownBy(() -> AbiEncoding.of("int8").encode(List.of(128)))
        .hasMessageContaining("out of range");
    assertThatThrownBy(
            () -> AbiEncoding.of("uint256").encode(List.of(BigInteger.ONE.shiftLeft(256))))
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> AbiEncoding.of("address").encode(List.of("0x1234")))
        .hasMessageContaining("20 bytes");
    assertThatThrownBy(() -> uint8.encode(List.of(1, 2))).hasMessageContaining("expected 1 values");
  }

  @Test
  void refusesDynamicAndMalformedTypes() {
    for (String type : List.of("string", "bytes", "uint256[]", "uint7", "bytes33", "tuple")) {
      assertThatThrownBy(() -> AbiEncoding.of(type))
          .as(type)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
