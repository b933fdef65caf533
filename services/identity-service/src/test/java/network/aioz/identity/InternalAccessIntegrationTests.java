package network.aioz.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@IdentityIntegrationTest
class InternalAccessIntegrationTests {

  @LocalServerPort int port;
  Api api;

  @BeforeEach
  void setUp() {
    api = new Api(port);
  }

  @Test
  void internalEndpointsNeedTheInternalScope() {
    Map<String, String> body = Map.of("apiKey", "aioz_x_y");
    Api.Reply none = api.send("POST", "/internal/v1/authenticate", body, null);
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.isProblem()).isTrue();
    Api.Reply forged =
        api.send("POST", "/internal/v1/authenticate", body, "eyJhbGciOiJFUzI1NiJ9.e30.AAAA");
    assertThat(forged.status()).isEqualTo(401);

    String tenantCaller =
        IdentityTestInfra.token(
            "0xabc", UUID.randomUUID().toString(), "siwe", Set.of("identity:write"));
    assertThat(api.send("POST", "/internal/v1/authenticate", body, tenantCaller).status())
        .isEqualTo(403);
    assertThat(api.send("GET", "/internal/v1/s3-keys/AKAZX", null, null).status()).isEqualTo(401);
    assertThat(api.send("GET", "/internal/v1/s3-keys/AKAZX", null, tenantCaller).status())
        .isEqualTo(403);
  }

  @Test
  void authenticateWantsExactlyOneCredential() {
    String gateway = IdentityTestInfra.serviceToken("identity:internal");
    assertThat(api.send("POST", "/internal/v1/authenticate", Map.of(), gateway).status())
        .isEqualTo(400);
    assertThat(
            api.send(
                    "POST",
                    "/internal/v1/authenticate",
                    Map.of("apiKey", "a", "bearer", "b"),
                    gateway)
                .status())
        .isEqualTo(400);
  }

  @Test
  void publicEndpointsNeedTheGatewayToken() {
    assertThat(api.send("GET", "/v1/tenants/me", null, null).status()).isEqualTo(401);
    assertThat(api.send("GET", "/v1/api-keys", null, null).status()).isEqualTo(401);
    assertThat(api.send("POST", "/v1/s3-keys", Map.of(), null).status()).isEqualTo(401);
  }

  @Test
  void openApiAndJwksArePublic() {
    Api.Reply docs = api.send("GET", "/v3/api-docs", null, null);
    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.text()).contains("/v1/auth/siwe/verify", "/internal/v1/authenticate");
    assertThat(api.send("GET", "/.well-known/jwks.json", null, null).text()).contains("P-256");
  }
}
