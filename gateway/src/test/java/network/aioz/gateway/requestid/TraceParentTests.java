package network.aioz.gateway.requestid;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceParentTests {

  @Test
  void acceptsTheW3cExample() {
    assertThat(TraceParent.isValid("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
        .isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "garbage",
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra"
      })
  void refusesMalformedOnes(String value) {
    assertThat(TraceParent.isValid(value)).isFalse();
  }

  @Test
  void generatesValidDistinctTraces() {
    String one = TraceParent.generate();
    assertThat(TraceParent.isValid(one)).isTrue();
    assertThat(one.substring(3, 35)).isNotEqualTo(TraceParent.generate().substring(3, 35));
  }
}
