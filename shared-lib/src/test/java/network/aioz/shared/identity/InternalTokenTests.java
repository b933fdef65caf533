package network.aioz.shared.identity;

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
import network.aioz.infra.MutableClock;
import org.junit.jupiter.api.Test;

class InternalTokenTests {

  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
  private final KeyPair gateway = PemKeys.generateP256();
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  private InternalTokenIssuer issuer(KeyPair keys, Clock at) {
    return new InternalTokenIssuer(
        (ECPrivateKey) keys.getPrivate(),
        InternalTokens.DEFAULT_ISSUER,
        Duration.ofSeconds(60),
        at);
  }

  private InternalTokenVerifier verifier(Clock at) {
    return new InternalTokenVerifier(
        (ECPublicKey) gateway.getPublic(),
        InternalTokens.DEFAULT_ISSUER,
        Duration.ofSeconds(5),
        at);
  }

  @Test
  void aTokenFromTheGatewayVerifies() throws Exception {
    String token =
        issuer(gateway, clock)
            .issue("0xabc", "tenant-1", Set.of("ledger:read", "ledger:write"), "siwe");

    InternalIdentity identity = verifier(clock).verify(token);

    assertThat(identity.subject()).isEqualTo("0xabc");
    assertThat(identity.tenantId()).isEqualTo("tenant-1");
    assertThat(identity.scopes()).containsExactlyInAnyOrder("ledger:read", "ledger:write");
    assertThat(identity.authMethod()).isEqualTo("siwe");
    assertThat(identity.expiresAt()).isEqualTo(NOW.plusSeconds(60));
    assertThat(identity.hasScope("ledger:write")).isTrue();
  }

  @Test
  void tokensNotFromTheGatewayOrOutOfTimeAreRefused() {
    String foreign = issuer(PemKeys.generateP256(), clock).issue("x", "t", Set.of(), "api-key");
    String good = issuer(gateway, clock).issue("x", "t", Set.of(), "api-key");
    String tampered =
        good.substring(0, good.lastIndexOf('.') - 2) + "AA" + good.substring(good.lastIndexOf('.'));

    assertThatThrownBy(() -> verifier(clock).verify(foreign)).hasMessageContaining("signature");
    assertThatThrownBy(() -> verifier(clock).verify(tampered))
        .isInstanceOf(InvalidInternalTokenException.class);
    assertThatThrownBy(() -> verifier(clock).verify("not.a.token"))
        .isInstanceOf(InvalidInternalTokenException.class);
    assertThatThrownBy(() -> verifier(clock).verify(null)).hasMessageContaining("no identity");
    assertThatThrownBy(() -> verifier(Clock.offset(clock, Duration.ofSeconds(66))).verify(good))
        .hasMessageContaining("expired");
    assertThatThrownBy(() -> verifier(Clock.offset(clock, Duration.ofSeconds(-30))).verify(good))
        .hasMessageContaining("future");
  }

  @Test
  void aVerifiedTokenIsRememberedUntilItExpiresAndForgedOnesNeverAre() throws Exception {
    MutableClock at = new MutableClock(NOW);
    InternalTokenVerifier verifier = verifier(at);
    String good = issuer(gateway, clock).issue("x", "t", Set.of("a:read"), "api-key");
    String tampered =
        good.substring(0, good.lastIndexOf('.') - 2) + "AA" + good.substring(good.lastIndexOf('.'));

    InternalIdentity first = verifier.verify(good);
    assertThat(verifier.verify(" " + good + " ")).isSameAs(first);
    assertThatThrownBy(() -> verifier.verify(tampered))
        .isInstanceOf(InvalidInternalTokenException.class);
    assertThatThrownBy(() -> verifier.verify(tampered))
        .as("a refused token is checked again, not remembered")
        .isInstanceOf(InvalidInternalTokenException.class);

    at.set(NOW.plusSeconds(64));
    assertThat(verifier.verify(good)).isSameAs(first);
    at.set(NOW.plusSeconds(66));
    assertThatThrownBy(() -> verifier.verify(good)).hasMessageContaining("expired");
    assertThatThrownBy(() -> verifier.verify(good)).hasMessageContaining("expired");
  }

  @Test
  void rememberingIsBounded() throws Exception {
    InternalTokenVerifier verifier = verifier(clock);
    InternalTokenIssuer issuer = issuer(gateway, clock);
    for (int i = 0; i < InternalTokenVerifier.REMEMBERED + 5; i++) {
      assertThat(verifier.verify(issuer.issue("x" + i, "t", Set.of(), "api-key")).subject())
          .isEqualTo("x" + i);
    }
  }

  @Test
  void keysRoundTripThroughPem() throws Exception {
    ECPublicKey publicKey = PemKeys.publicKey(PemKeys.toPem((ECPublicKey) gateway.getPublic()));
    ECPrivateKey privateKey =
        PemKeys.privateKey(PemKeys.toPem((ECPrivateKey) gateway.getPrivate()));
    String token =
        new InternalTokenIssuer(
                privateKey, InternalTokens.DEFAULT_ISSUER, Duration.ofSeconds(30), clock)
            .issue("svc", "platform", Set.of(), "service");

    assertThat(
            new InternalTokenVerifier(
                    publicKey, InternalTokens.DEFAULT_ISSUER, Duration.ZERO, clock)
                .verify(token)
                .subject())
        .isEqualTo("svc");
    assertThatThrownBy(() -> PemKeys.publicKey("garbage"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
