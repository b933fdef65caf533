package network.aioz.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@IdentityIntegrationTest
class SessionIntegrationTests {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  Api api;
  Wallet wallet;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    wallet = new Wallet();
  }

  private Api.Reply refresh(String token) {
    return api.send("POST", "/v1/auth/refresh", Map.of("refreshToken", token), null);
  }

  @Test
  void refreshRotatesTheTokenAndKeepsTheSession() {
    Api.Reply grant = api.signIn(wallet);
    Api.Reply refreshed = refresh(grant.str("refreshToken"));

    assertThat(refreshed.status()).isEqualTo(200);
    assertThat(refreshed.str("refreshToken")).isNotEqualTo(grant.str("refreshToken"));
    assertThat(refreshed.str("accessToken")).isNotEqualTo(grant.str("accessToken"));
    assertThat(refreshed.str("tenantId")).isEqualTo(grant.str("tenantId"));
    assertThat(refreshed.str("role")).isEqualTo("owner");
    Api.Reply oldAccess = api.authenticate("bearer", grant.str("accessToken"));
    Api.Reply newAccess = api.authenticate("bearer", refreshed.str("accessToken"));
    assertThat(newAccess.status()).isEqualTo(200);
    assertThat(newAccess.str("credentialId")).isEqualTo(oldAccess.str("credentialId"));
    assertThat(refresh(refreshed.str("refreshToken")).status()).isEqualTo(200);
  }

  @Test
  void refreshTokensAreStoredOnlyAsHashes() {
    String token = api.signIn(wallet).str("refreshToken");
    Integer plain =
        jdbc.queryForObject(
            "select count(*) from refresh_token where position(convert_to(?, 'UTF8') in"
                + " token_hash) > 0 or encode(token_hash, 'escape') = ?",
            Integer.class,
            token,
            token);
    assertThat(plain).isZero();
    assertThat(
            jdbc.queryForObject(
                "select count(*) from refresh_token where token_hash = sha256(convert_to(?,"
                    + " 'UTF8'))",
                Integer.class,
                token))
        .isEqualTo(1);
  }

  @Test
  void reusingARotatedRefreshTokenRevokesTheWholeSession() {
    Api.Reply grant = api.signIn(wallet);
    Api.Reply rotated = refresh(grant.str("refreshToken"));
    assertThat(rotated.status()).isEqualTo(200);

    Api.Reply reuse = refresh(grant.str("refreshToken"));
    assertThat(reuse.status()).isEqualTo(401);
    assertThat(reuse.isProblem()).isTrue();
    assertThat(reuse.str("detail")).contains("already used");

    assertThat(refresh(rotated.str("refreshToken")).status()).isEqualTo(401);
    Api.Reply access = api.authenticate("bearer", rotated.str("accessToken"));
    assertThat(access.status()).isEqualTo(401);
    assertThat(access.str("detail")).contains("revoked");
  }

  @Test
  void unknownRefreshTokenIsRefused() {
    Api.Reply reply = refresh("rt_doesnotexist");
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.str("detail")).contains("unknown");
    assertThat(api.send("POST", "/v1/auth/refresh", Map.of(), null).status()).isEqualTo(400);
  }

  @Test
  void signOutKillsTheAccessAndTheRefreshToken() {
    Api.Reply grant = api.signIn(wallet);
    String access = grant.str("accessToken");
    String gatewayToken = Api.gatewayToken(api.authenticate("bearer", access));
    Api.Reply otherSession = api.signIn(wallet);

    Api.Reply out =
        api.send(
            "POST",
            "/v1/auth/sign-out",
            null,
            gatewayToken,
            Map.of("Authorization", "Bearer " + access));

    assertThat(out.status()).isEqualTo(204);
    Api.Reply after = api.authenticate("bearer", access);
    assertThat(after.status()).isEqualTo(401);
    assertThat(after.str("detail")).isEqualTo("revoked");
    assertThat(refresh(grant.str("refreshToken")).status()).isEqualTo(401);
    // only the signed-out session ended
    assertThat(api.authenticate("bearer", otherSession.str("accessToken")).status()).isEqualTo(200);
  }

  @Test
  void signOutWithoutBearerEndsEverySessionOfTheWalletInTheTenant() {
    Api.Reply first = api.signIn(wallet);
    Api.Reply second = api.signIn(wallet);
    String gatewayToken = Api.gatewayToken(api.authenticate("bearer", first.str("accessToken")));

    assertThat(api.send("POST", "/v1/auth/sign-out", null, gatewayToken).status()).isEqualTo(204);

    assertThat(api.authenticate("bearer", first.str("accessToken")).status()).isEqualTo(401);
    assertThat(api.authenticate("bearer", second.str("accessToken")).status()).isEqualTo(401);
    assertThat(refresh(second.str("refreshToken")).status()).isEqualTo(401);
  }

  @Test
  void signOutNeedsAWalletSession() {
    assertThat(api.send("POST", "/v1/auth/sign-out", null, null).status()).isEqualTo(401);
    String apiKeyCaller =
        IdentityTestInfra.token(
            "somekey",
            java.util.UUID.randomUUID().toString(),
            "api-key",
            java.util.Set.of("identity:read"));
    assertThat(api.send("POST", "/v1/auth/sign-out", null, apiKeyCaller).status()).isEqualTo(403);
  }

  @Test
  void forgedOrGarbageBearerIsRefused() throws Exception {
    Api.Reply garbage = api.authenticate("bearer", "not.a.jwt");
    assertThat(garbage.status()).isEqualTo(401);
    assertThat(garbage.str("detail")).contains("malformed");

    String access = api.signIn(wallet).str("accessToken");
    com.nimbusds.jwt.SignedJWT original = com.nimbusds.jwt.SignedJWT.parse(access);
    com.nimbusds.jwt.SignedJWT forged =
        new com.nimbusds.jwt.SignedJWT(original.getHeader(), original.getJWTClaimsSet());
    forged.sign(
        new com.nimbusds.jose.crypto.ECDSASigner(
            (java.security.interfaces.ECPrivateKey)
                network.aioz.shared.identity.PemKeys.generateP256().getPrivate()));
    Api.Reply wrong = api.authenticate("bearer", forged.serialize());
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.str("detail")).contains("wrong signature");
  }
}
