package network.aioz.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import network.aioz.shared.edge.PersonalSign;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A wallet that signs in through the gateway (EIP-4361) and creates API keys with its session. */
final class TestWallet {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  final ECKeyPair key;
  final String address;
  String accessToken;
  String tenantId;

  TestWallet() {
    try {
      key = Keys.createEcKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    address = Keys.toChecksumAddress(Keys.getAddress(key));
  }

  TestWallet signIn(GatewayClient gateway) throws Exception {
    HttpResponse<String> nonce =
        gateway.send(
            "POST",
            "/v1/auth/siwe/nonce",
            HttpRequest.BodyPublishers.ofString("{}"),
            "Content-Type",
            "application/json");
    assertThat(nonce.statusCode()).as(nonce.body()).isEqualTo(201);
    String message =
        "gateway.test wants you to sign in with your Ethereum account:\n"
            + address
            + "\n\nSign in to test the gateway.\n\nURI: https://gateway.test\nVersion: 1\n"
            + "Chain ID: 168\nNonce: "
            + JSON.readTree(nonce.body()).get("nonce").asString()
            + "\nIssued At: "
            + Instant.now().truncatedTo(ChronoUnit.SECONDS);
    HttpResponse<String> session =
        gateway.send(
            "POST",
            "/v1/auth/siwe/verify",
            HttpRequest.BodyPublishers.ofString(
                JSON.writeValueAsString(
                    java.util.Map.of("message", message, "signature", sign(message)))),
            "Content-Type",
            "application/json");
    assertThat(session.statusCode()).as(session.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(session.body());
    accessToken = body.get("accessToken").asString();
    tenantId = body.get("tenantId").asString();
    return this;
  }

  String bearer() {
    return "Bearer " + accessToken;
  }

  /** A new API key of this wallet's tenant: {id, key}. */
  JsonNode apiKey(GatewayClient gateway, List<String> scopes) throws Exception {
    HttpResponse<String> created =
        gateway.send(
            "POST",
            "/v1/api-keys",
            HttpRequest.BodyPublishers.ofString(
                JSON.writeValueAsString(java.util.Map.of("name", "test", "scopes", scopes))),
            "Content-Type",
            "application/json",
            "Authorization",
            bearer());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return JSON.readTree(created.body());
  }

  private String sign(String text) {
    return PersonalSign.sign(text.getBytes(StandardCharsets.UTF_8), key);
  }
}
