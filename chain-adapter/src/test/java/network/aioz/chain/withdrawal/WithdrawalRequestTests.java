package network.aioz.chain.withdrawal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;
import network.aioz.shared.event.MalformedEventException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class WithdrawalRequestTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final UUID REFUND = UUID.fromString("9b2f6a0e-3c1d-4e5f-8a7b-6c5d4e3f2a1b");
  private static final String ADDRESS = "0xAbABabababababababababababababababababAB";

  private static ObjectNode valid() {
    return (ObjectNode)
        JSON.readTree(
            WithdrawalRequests.toChain(
                REFUND,
                ADDRESS,
                new BigInteger("1000000000000000000"),
                Instant.parse("2026-11-30T10:15:30.123456789Z")));
  }

  @Test
  void aChainRequestIsReadWithItsAddressInLowerCaseAndItsExpiryToTheMicrosecond() {
    WithdrawalRequest request = WithdrawalRequest.parse(valid()).orElseThrow();
    assertThat(request.refundId()).isEqualTo(REFUND);
    assertThat(request.address()).isEqualTo(ADDRESS.toLowerCase());
    assertThat(request.amount()).isEqualTo(new BigInteger("1000000000000000000"));
    assertThat(request.expiresAt()).isEqualTo(Instant.parse("2026-11-30T10:15:30.123456Z"));
  }

  @Test
  void anExpiryInEpochSecondsIsReadToo() {
    ObjectNode data = valid();
    data.put("expiresAt", new java.math.BigDecimal("1795947330.5"));
    assertThat(WithdrawalRequest.parse(data).orElseThrow().expiresAt())
        .isEqualTo(Instant.ofEpochSecond(1795947330, 500_000_000));
  }

  @Test
  void theLargestAmountIsAccepted() {
    ObjectNode data = valid();
    data.put("amount", WithdrawalRequest.MAX_AMOUNT.toString());
    assertThat(WithdrawalRequest.parse(data).orElseThrow().amount())
        .isEqualTo(BigInteger.TWO.pow(256).subtract(BigInteger.ONE));
  }

  @Test
  void anOnrampRefundIsNotTheAdapters() {
    ObjectNode data = valid();
    ObjectNode destination = data.putObject("destination");
    destination.put("type", "onramp");
    destination.put("orderId", UUID.randomUUID().toString());
    destination.put("providerReference", "ord_123");
    assertThat(WithdrawalRequest.parse(data)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0",
        "-1",
        "01",
        "1.5",
        "1e18",
        " 1",
        "",
        "115792089237316195423570985008687907853269984665640564039457584007913129639936"
      })
  void anAmountThatIsNotOneTo2Pow256Minus1BaseUnitsIsMalformed(String amount) {
    ObjectNode data = valid();
    data.put("amount", amount);
    assertThatThrownBy(() -> WithdrawalRequest.parse(data))
        .isInstanceOf(MalformedEventException.class);
  }

  @Test
  void aNumericAmountIsMalformed() {
    ObjectNode data = valid();
    data.put("amount", 1000);
    assertThatThrownBy(() -> WithdrawalRequest.parse(data))
        .isInstanceOf(MalformedEventException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0xabababababababababababababababababababa",
        "0xababababababababababababababababababababab",
        "abababababababababababababababababababab",
        "0xgbababababababababababababababababababab"
      })
  void anAddressThatIsNot20BytesIsMalformed(String address) {
    ObjectNode data = valid();
    ((ObjectNode) data.get("destination")).put("address", address);
    assertThatThrownBy(() -> WithdrawalRequest.parse(data))
        .isInstanceOf(MalformedEventException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"refundId", "tenantId", "amount", "expiresAt", "destination"})
  void aMissingFieldIsMalformed(String field) {
    ObjectNode data = valid();
    data.remove(field);
    assertThatThrownBy(() -> WithdrawalRequest.parse(data))
        .isInstanceOf(MalformedEventException.class);
  }

  @Test
  void otherShapesAreMalformed() {
    ObjectNode notUuid = valid();
    notUuid.put("refundId", "refund-1");
    ObjectNode badExpiry = valid();
    badExpiry.put("expiresAt", "tomorrow");
    ObjectNode otherType = valid();
    ((ObjectNode) otherType.get("destination")).put("type", "bank");
    for (ObjectNode data : new ObjectNode[] {notUuid, badExpiry, otherType}) {
      assertThatThrownBy(() -> WithdrawalRequest.parse(data))
          .isInstanceOf(MalformedEventException.class);
    }
    assertThatThrownBy(() -> WithdrawalRequest.parse(JSON.readTree("[1]")))
        .isInstanceOf(MalformedEventException.class);
  }
}
