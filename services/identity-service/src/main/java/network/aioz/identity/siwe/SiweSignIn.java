package network.aioz.identity.siwe;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import network.aioz.identity.session.Sessions;
import network.aioz.identity.support.IdentityProperties;
import network.aioz.identity.tenant.Membership;
import network.aioz.identity.tenant.Tenants;
import network.aioz.shared.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a signed EIP-4361 message into a session: every stateless check first (so a refused message
 * does not burn its nonce), the signature, then in one transaction the nonce is consumed, the
 * tenant chosen (or created) and the session started.
 */
@Service
class SiweSignIn {

  private final Nonces nonces;
  private final SignatureCheck signatures;
  private final Tenants tenants;
  private final Sessions sessions;
  private final IdentityProperties.Siwe settings;
  private final TransactionTemplate transaction;
  private final Clock clock;

  SiweSignIn(
      Nonces nonces,
      SignatureCheck signatures,
      Tenants tenants,
      Sessions sessions,
      IdentityProperties settings,
      PlatformTransactionManager transactions,
      Clock clock) {
    this.nonces = nonces;
    this.signatures = signatures;
    this.tenants = tenants;
    this.sessions = sessions;
    this.settings = settings.siwe();
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock;
  }

  Sessions.Grant signIn(String text, String signatureHex, String tenantId) {
    SiweMessage message;
    byte[] signature;
    UUID requestedTenant;
    try {
      message = SiweMessage.parse(text);
      signature = signatures.decode(signatureHex);
      requestedTenant = tenantId == null || tenantId.isBlank() ? null : UUID.fromString(tenantId);
    } catch (MalformedSiweException e) {
      throw malformed(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw malformed("tenantId is not a UUID");
    }
    checkFields(message);
    if (!signatures.signedBy(text, signature, message.address())) {
      throw refused("signature is not by " + message.address());
    }
    return transaction.execute(
        status -> {
          switch (nonces.consume(message.nonce())) {
            case UNKNOWN -> throw refused("nonce is unknown or was already used");
            case EXPIRED -> throw refused("nonce expired");
            case OK -> {}
          }
          Membership member = tenants.signInTenant(message.address(), requestedTenant);
          return sessions.start(member);
        });
  }

  private void checkFields(SiweMessage message) {
    if (!settings.domains().contains(message.domain())) {
      throw refused("domain " + message.domain() + " is not accepted");
    }
    String uriOrigin = origin(message);
    if (settings.uris().isEmpty()
        ? !message.domain().equalsIgnoreCase(message.uri().getRawAuthority())
        : !settings.uris().contains(uriOrigin)) {
      throw refused("URI " + message.uri() + " is not accepted for this domain");
    }
    if (!settings.chainIds().contains(message.chainId())) {
      throw refused("chain id " + message.chainId() + " is not accepted");
    }
    if (!"1".equals(message.version())) {
      throw refused("version " + message.version() + " is not supported (only 1)");
    }
    Instant now = clock.instant();
    if (message.issuedAt().toInstant().isAfter(now.plus(settings.clockSkew()))) {
      throw refused("issued-at is in the future");
    }
    if (message.expirationTime() != null && !message.expirationTime().toInstant().isAfter(now)) {
      throw refused("message expired");
    }
    if (message.notBefore() != null && message.notBefore().toInstant().isAfter(now)) {
      throw refused("message is not valid yet (not-before)");
    }
  }

  private static String origin(SiweMessage message) {
    String authority = message.uri().getRawAuthority();
    return authority == null
        ? ""
        : (message.uri().getScheme() + "://" + authority).toLowerCase(Locale.ROOT);
  }

  static ApiProblem refused(String detail) {
    return new ApiProblem(HttpStatus.UNAUTHORIZED, "siwe-invalid", "Sign-in refused", detail);
  }

  static ApiProblem malformed(String detail) {
    return new ApiProblem(HttpStatus.BAD_REQUEST, "siwe-malformed", "Malformed sign-in", detail);
  }
}
