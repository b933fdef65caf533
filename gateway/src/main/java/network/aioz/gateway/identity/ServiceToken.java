package network.aioz.gateway.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import network.aioz.shared.identity.InternalTokenIssuer;

/** The gateway's own internal token towards identity-service, reused until half its life. */
class ServiceToken {

  static final String SUBJECT = "service:gateway";
  static final Set<String> SCOPES = Set.of("identity:internal");

  private final InternalTokenIssuer issuer;
  private final Duration lifetime;
  private final Clock clock;
  private volatile String token;
  private volatile Instant renewAt = Instant.MIN;

  ServiceToken(InternalTokenIssuer issuer, Duration lifetime, Clock clock) {
    this.issuer = issuer;
    this.lifetime = lifetime;
    this.clock = clock;
  }

  String current() {
    Instant now = clock.instant();
    if (now.isAfter(renewAt)) {
      synchronized (this) {
        if (now.isAfter(renewAt)) {
          token = issuer.issue(SUBJECT, "platform", SCOPES, "service");
          renewAt = now.plus(lifetime.dividedBy(2));
        }
      }
    }
    return token;
  }
}
