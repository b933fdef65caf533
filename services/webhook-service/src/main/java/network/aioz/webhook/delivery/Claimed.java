package network.aioz.webhook.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A delivery a worker has claimed, with what it needs to send it. */
record Claimed(
    UUID deliveryId,
    UUID claimToken,
    int attemptsMade,
    String messageId,
    String eventType,
    String payload,
    UUID endpointId,
    String url,
    String secret,
    String previousSecret,
    Instant previousSecretExpiresAt) {

  /** The secrets that sign now: the current one, and the previous one during the overlap. */
  List<String> signingSecrets(Instant now) {
    List<String> secrets = new ArrayList<>(2);
    secrets.add(secret);
    if (previousSecret != null
        && previousSecretExpiresAt != null
        && previousSecretExpiresAt.isAfter(now)) {
      secrets.add(previousSecret);
    }
    return secrets;
  }
}
