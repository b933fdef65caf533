package network.aioz.localstack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The local stack's stand-in for the on-ramp provider's webhook secret ({@code whsec_<base64>}, the
 * Standard Webhooks form), so a developer can sign provider webhooks to billing-service with the
 * value from {@code endpoints.json}. Generated once per data directory.
 */
record BillingSecrets(String onrampWebhookSecret) {

  private static final String FILE = "billing-secrets.properties";

  static BillingSecrets loadOrCreate(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    Properties stored =
        SecretFiles.loadOrCreate(
            file,
            "local-stack billing-service secrets",
            generated ->
                generated.setProperty(
                    "onramp-webhook-secret", "whsec_" + SecretFiles.randomKey(32)));
    return new BillingSecrets(SecretFiles.required(stored, "onramp-webhook-secret", file));
  }
}
