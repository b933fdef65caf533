package network.aioz.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import network.aioz.gateway.problem.GatewayRejection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class CredentialTests {

  @Test
  void noHeadersNoCredential() {
    assertThat(Credential.of(MockServerHttpRequest.get("/v1/x").build())).isEmpty();
  }

  @Test
  void bearerJwtAndBearerApiKeyAndApiKeyHeader() {
    assertThat(
            Credential.of(
                MockServerHttpRequest.get("/").header("Authorization", "Bearer a.b.c").build()))
        .contains(new Credential("bearer", "a.b.c"));
    assertThat(
            Credential.of(
                MockServerHttpRequest.get("/").header("Authorization", "bearer aioz_k1_s").build()))
        .contains(new Credential("apiKey", "aioz_k1_s"));
    assertThat(
            Credential.of(MockServerHttpRequest.get("/").header("X-API-Key", "aioz_k1_s").build()))
        .contains(new Credential("apiKey", "aioz_k1_s"));
  }

  @Test
  void neverPrintsTheSecret() {
    assertThat(new Credential("apiKey", "aioz_k1_secret").toString()).doesNotContain("secret");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"Basic dXNlcjpwYXNz", "Bearer", "Bearer    ", "Bearer a\u00e9b", "Token x"})
  void refusesMalformedOrForeignAuthorization(String header) {
    assertThatThrownBy(
            () ->
                Credential.of(
                    MockServerHttpRequest.get("/").header("Authorization", header).build()))
        .isInstanceOfSatisfying(
            GatewayRejection.class, e -> assertThat(e.status().value()).isEqualTo(401));
  }

  @Test
  void refusesAnOversizedToken() {
    String huge = "Bearer " + "a".repeat(5000);
    assertThatThrownBy(
            () ->
                Credential.of(MockServerHttpRequest.get("/").header("Authorization", huge).build()))
        .isInstanceOf(GatewayRejection.class);
  }

  @Test
  void refusesTwoCredentialsAtOnce() {
    assertThatThrownBy(
            () ->
                Credential.of(
                    MockServerHttpRequest.get("/")
                        .header("Authorization", "Bearer a.b.c")
                        .header("X-API-Key", "aioz_k_s")
                        .build()))
        .isInstanceOfSatisfying(
            GatewayRejection.class, e -> assertThat(e.status().value()).isEqualTo(400));
  }

  @Test
  void refusesAnApiKeyHeaderWithoutTheKeyPrefix() {
    assertThatThrownBy(
            () -> Credential.of(MockServerHttpRequest.get("/").header("X-API-Key", "sk_x").build()))
        .isInstanceOf(GatewayRejection.class);
  }
}
