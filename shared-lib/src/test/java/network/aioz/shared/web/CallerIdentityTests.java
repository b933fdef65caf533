package network.aioz.shared.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import network.aioz.shared.identity.InternalIdentity;
import network.aioz.shared.identity.InternalTokenIssuer;
import network.aioz.shared.identity.InternalTokens;
import network.aioz.shared.identity.PemKeys;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class CallerIdentityTests {

  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final KeyPair gateway = PemKeys.generateP256();
  private final CallerIdentity callers =
      new CallerIdentity(
          PemKeys.toPem((ECPublicKey) gateway.getPublic()), InternalTokens.DEFAULT_ISSUER, clock);

  private String token(KeyPair keys, Set<String> scopes) {
    return new InternalTokenIssuer(
            (ECPrivateKey) keys.getPrivate(),
            InternalTokens.DEFAULT_ISSUER,
            Duration.ofSeconds(60),
            clock)
        .issue("0xabc", "tenant-1", scopes, "api-key");
  }

  private static MockHttpServletRequest request(String token) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/things");
    if (token != null) {
      request.addHeader(InternalTokens.HEADER, token);
    }
    return request;
  }

  @Test
  void aCallerWithTheScopeIsKnown() {
    InternalIdentity caller =
        callers.require(request(token(gateway, Set.of("ledger:write"))), "ledger:write");

    assertThat(caller.subject()).isEqualTo("0xabc");
    assertThat(caller.tenantId()).isEqualTo("tenant-1");
  }

  @Test
  void withoutAValidTokenTheAnswerIs401() {
    for (String token :
        new String[] {null, "not.a.token", token(PemKeys.generateP256(), Set.of("ledger:write"))}) {
      assertThatThrownBy(() -> callers.require(request(token), "ledger:write"))
          .isInstanceOfSatisfying(
              ApiProblem.class,
              p -> {
                assertThat(p.status().value()).isEqualTo(401);
                assertThat(p.type()).isEqualTo("unauthenticated");
              });
    }
  }

  @Test
  void withoutTheScopeTheAnswerIs403() {
    assertThatThrownBy(
            () -> callers.require(request(token(gateway, Set.of("ledger:read"))), "ledger:write"))
        .isInstanceOfSatisfying(
            ApiProblem.class,
            p -> {
              assertThat(p.status().value()).isEqualTo(403);
              assertThat(p.type()).isEqualTo("forbidden");
              assertThat(p.getMessage()).contains("ledger:write");
            });
  }

  @Test
  void aMissingKeyStopsTheServiceAtStartup() {
    assertThatThrownBy(() -> new CallerIdentity(" ", InternalTokens.DEFAULT_ISSUER, clock))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("platform.identity.public-key");
  }
}
