package network.aioz.gateway.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import network.aioz.gateway.problem.GatewayRejection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotencyKeyTests {

  @Test
  void acceptsStructuredFieldStringsAndBareTokens() {
    assertThat(IdempotencyKey.parse("\"8e03978e-40d5-43e8-bc93-6894a57f9324\""))
        .contains("8e03978e-40d5-43e8-bc93-6894a57f9324");
    assertThat(IdempotencyKey.parse("order-42")).contains("order-42");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "\"\"", "a b", "caf\u00e9", "\"a\\\"b\"", "\u0001"})
  void refusesMalformedKeys(String raw) {
    assertThatThrownBy(() -> IdempotencyKey.parse(raw)).isInstanceOf(GatewayRejection.class);
  }

  @Test
  void refusesOverlongKeys() {
    assertThatThrownBy(() -> IdempotencyKey.parse("k".repeat(256)))
        .isInstanceOf(GatewayRejection.class);
  }
}
