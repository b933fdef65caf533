package network.aioz.storage.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import network.aioz.shared.identity.InternalTokenIssuer;
import network.aioz.shared.identity.InternalTokens;
import network.aioz.shared.identity.PemKeys;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The storage service's own identity towards other platform services: an internal identity token
 * signed with the platform identity key (the key the gateway signs with; each service that calls
 * another holds it until per-service credentials exist), reused until a minute before it expires.
 */
@Component
public class ServiceTokens {

  static final String SUBJECT = "service:storage-service";
  private static final Duration LIFETIME = Duration.ofMinutes(4);

  private final InternalTokenIssuer issuer;
  private final Clock clock;
  private volatile String token;
  private volatile Instant renewAt = Instant.MIN;

  public ServiceTokens(
      @Value("${platform.identity.private-key:}") String privateKeyPem,
      @Value("${platform.identity.issuer:" + InternalTokens.DEFAULT_ISSUER + "}") String issuerName,
      Clock clock) {
    if (privateKeyPem == null || privateKeyPem.isBlank()) {
      throw new IllegalStateException(
          "platform.identity.private-key (env PLATFORM_IDENTITY_PRIVATE_KEY) must hold the platform"
              + " identity key PEM: the storage service signs its calls to the ledger with it");
    }
    this.issuer =
        new InternalTokenIssuer(PemKeys.privateKey(privateKeyPem), issuerName, LIFETIME, clock);
    this.clock = clock;
  }

  /**
   * A token with the scopes the storage service needs: {@code ledger:write} (placements) and {@code
   * identity:internal} (resolving S3 access keys).
   */
  public String current() {
    Instant now = clock.instant();
    if (now.isAfter(renewAt)) {
      synchronized (this) {
        if (now.isAfter(renewAt)) {
          token =
              issuer.issue(
                  SUBJECT, "platform", Set.of("ledger:write", "identity:internal"), "service");
          renewAt = now.plus(LIFETIME).minusSeconds(60);
        }
      }
    }
    return token;
  }
}
