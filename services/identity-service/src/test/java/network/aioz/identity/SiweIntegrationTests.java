package network.aioz.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@IdentityIntegrationTest
class SiweIntegrationTests {

  @LocalServerPort int port;
  Api api;
  Wallet wallet;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    wallet = new Wallet();
  }

  @Test
  void nonceIsLongRandomAlphanumericAndExpires() {
    Api.Reply first = api.send("POST", "/v1/auth/siwe/nonce", null, null);
    Api.Reply second = api.send("POST", "/v1/auth/siwe/nonce", null, null);
    assertThat(first.status()).isEqualTo(201);
    assertThat(first.str("nonce")).matches("[A-Za-z0-9]{16,}").isNotEqualTo(second.str("nonce"));
    assertThat(Instant.parse(first.str("expiresAt")))
        .isBetween(Instant.now().plusSeconds(240), Instant.now().plusSeconds(301));
  }

  @Test
  void signedMessageStartsASessionWhoseTokenAuthenticates() {
    Api.Reply grant = api.verify(wallet.message(api.nonce()).signed(), null);

    assertThat(grant.status()).isEqualTo(200);
    JsonNode g = grant.json();
    assertThat(g.get("tokenType").asString()).isEqualTo("Bearer");
    assertThat(g.get("expiresIn").asLong()).isEqualTo(900);
    assertThat(g.get("refreshExpiresIn").asLong()).isEqualTo(30 * 24 * 3600);
    assertThat(g.get("address").asString()).isEqualTo(wallet.address);
    assertThat(g.get("role").asString()).isEqualTo("owner");
    assertThat(g.get("refreshToken").asString()).isNotBlank();

    Api.Reply who = api.authenticate("bearer", g.get("accessToken").asString());
    assertThat(who.status()).isEqualTo(200);
    JsonNode w = who.json();
    assertThat(w.get("subject").asString()).isEqualTo(wallet.address);
    assertThat(w.get("tenantId").asString()).isEqualTo(g.get("tenantId").asString());
    assertThat(w.get("authMethod").asString()).isEqualTo("siwe");
    assertThat(w.get("credentialId").asString()).isNotBlank();
    assertThat(Instant.parse(w.get("expiresAt").asString())).isAfter(Instant.now());
    List<String> scopes = new ArrayList<>();
    w.get("scopes").forEach(s -> scopes.add(s.asString()));
    assertThat(scopes)
        .contains("identity:write", "storage:write", "billing:read")
        .doesNotContain("ledger:write")
        .hasSize(16);
  }

  @Test
  void laterSignInsUseTheSameTenantAndTheJwksVerifiesTheToken() throws Exception {
    String tenant = api.signIn(wallet).str("tenantId");
    Api.Reply again = api.signIn(wallet);
    assertThat(again.str("tenantId")).isEqualTo(tenant);

    Api.Reply jwks = api.send("GET", "/.well-known/jwks.json", null, null);
    assertThat(jwks.status()).isEqualTo(200);
    com.nimbusds.jose.jwk.ECKey key =
        com.nimbusds.jose.jwk.JWKSet.parse(jwks.text()).getKeys().getFirst().toECKey();
    assertThat(jwks.text()).doesNotContain("\"d\"");
    com.nimbusds.jwt.SignedJWT jwt = com.nimbusds.jwt.SignedJWT.parse(again.str("accessToken"));
    assertThat(jwt.verify(new com.nimbusds.jose.crypto.ECDSAVerifier(key))).isTrue();
    assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("aioz-identity");
    assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("aioz-api");
    assertThat(jwt.getJWTClaimsSet().getStringClaim("tenant")).isEqualTo(tenant);
  }

  @Test
  void aTenantTheWalletIsNotAMemberOfIsRefused() {
    String other = api.signIn(new Wallet()).str("tenantId");
    Api.Reply reply = api.verify(wallet.message(api.nonce()).signed(), other);
    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.isProblem()).isTrue();
  }

  @Test
  void replayedNonceIsRefused() {
    Wallet.Signed signed = wallet.message(api.nonce()).signed();
    assertThat(api.verify(signed, null).status()).isEqualTo(200);
    assertRefused(api.verify(signed, null), 401, "nonce");
  }

  @Test
  void unknownNonceIsRefused() {
    assertRefused(api.verify(wallet.message("abcdefgh12345678").signed(), null), 401, "nonce");
  }

  @Test
  void expiredMessageIsRefused() {
    Wallet.Message m =
        wallet
            .message(api.nonce())
            .issuedAt(Instant.now().minusSeconds(600))
            .expirationTime(Instant.now().minusSeconds(1));
    assertRefused(api.verify(m.signed(), null), 401, "expired");
  }

  @Test
  void notBeforeInTheFutureIsRefused() {
    Wallet.Message m = wallet.message(api.nonce()).notBefore(Instant.now().plusSeconds(600));
    assertRefused(api.verify(m.signed(), null), 401, "not-before");
  }

  @Test
  void issuedAtInTheFutureIsRefused() {
    Wallet.Message m = wallet.message(api.nonce()).issuedAt(Instant.now().plusSeconds(120));
    assertRefused(api.verify(m.signed(), null), 401, "issued-at");
  }

  @Test
  void wrongDomainIsRefused() {
    Wallet.Message m =
        wallet.message(api.nonce()).domain("evil.example").uri("https://evil.example/x");
    assertRefused(api.verify(m.signed(), null), 401, "domain");
  }

  @Test
  void wrongUriIsRefused() {
    Wallet.Message m = wallet.message(api.nonce()).uri("https://evil.example/login");
    assertRefused(api.verify(m.signed(), null), 401, "URI");
  }

  @Test
  void wrongChainIsRefused() {
    Wallet.Message m = wallet.message(api.nonce()).chainId(1);
    assertRefused(api.verify(m.signed(), null), 401, "chain");
  }

  @Test
  void otherVersionIsRefused() {
    Wallet.Message m = wallet.message(api.nonce()).version("2");
    assertRefused(api.verify(m.signed(), null), 401, "version");
  }

  @Test
  void messageTamperedAfterSigningIsRefused() {
    Wallet.Signed signed = wallet.message(api.nonce()).statement("Sign in to AIOZ.").signed();
    Wallet.Signed tampered =
        new Wallet.Signed(
            signed.message().replace("Sign in to AIOZ.", "Sign in to AIOZ!"), signed.signature());
    assertRefused(api.verify(tampered, null), 401, "signature");
  }

  @Test
  void signatureByAnotherKeyIsRefused() {
    String text = wallet.message(api.nonce()).text();
    Wallet.Signed byOther = new Wallet.Signed(text, new Wallet().sign(text));
    assertRefused(api.verify(byOther, null), 401, "signature");
  }

  @Test
  void refusedMessageDoesNotBurnTheNonce() {
    String nonce = api.nonce();
    assertThat(api.verify(wallet.message(nonce).chainId(1).signed(), null).status()).isEqualTo(401);
    assertThat(api.verify(wallet.message(nonce).signed(), null).status()).isEqualTo(200);
  }

  @Test
  void lowerCaseAddressIsMalformed() {
    Wallet.Message m = wallet.message(api.nonce()).address(wallet.address.toLowerCase());
    assertRefused(api.verify(m.signed(), null), 400, "EIP-55");
  }

  @Test
  void garbageIsMalformedNeverAServerError() {
    String nonce = api.nonce();
    Wallet.Signed good = wallet.message(nonce).signed();
    assertRefused(api.verify(new Wallet.Signed("hello", good.signature()), null), 400, "line");
    assertRefused(
        api.verify(new Wallet.Signed(good.message(), "0xnothex"), null), 400, "signature");
    assertRefused(api.verify(new Wallet.Signed(good.message(), "0x1234"), null), 400, "signature");
    assertRefused(api.verify(new Wallet.Signed(good.message(), null), null), 400, "signature");
    assertRefused(api.verify(new Wallet.Signed(null, good.signature()), null), 400, "message");
    String badV = good.signature().substring(0, 130) + "ff";
    assertRefused(api.verify(new Wallet.Signed(good.message(), badV), null), 401, "signature");
    assertThat(api.send("POST", "/v1/auth/siwe/verify", "{not json", null).status()).isEqualTo(400);
    assertThat(api.verify(good, "not-a-uuid").status()).isEqualTo(400);
    assertThat(api.verify(good, null).status()).isEqualTo(200);
  }

  @Test
  void concurrentUsesOfOneNonceHaveExactlyOneWinner() throws Exception {
    String nonce = api.nonce();
    Wallet.Signed signed = wallet.message(nonce).signed();
    int attempts = 8;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(attempts)) {
      for (int i = 0; i < attempts; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return api.verify(signed, null).status();
                }));
      }
      start.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> r : results) {
        statuses.add(r.get());
      }
      assertThat(statuses).containsOnly(200, 401);
      assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
    }
  }

  private static void assertRefused(Api.Reply reply, int status, String detailMentions) {
    assertThat(reply.status()).as(reply.text()).isEqualTo(status);
    assertThat(reply.isProblem()).as(reply.contentType()).isTrue();
    assertThat(reply.str("detail")).containsIgnoringCase(detailMentions);
    if (status == 401) {
      assertThat(reply.str("type")).endsWith("/siwe-invalid");
    }
  }
}
